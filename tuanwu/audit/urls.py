from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("access-log/", views.access_log, name="access_log"),
    path("batch-events/", views.batch_events, name="batch_events"),
    path("history/", views.history, name="history"),
]
