from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/download/", views.job_download, name="download"),
    path("<int:pk>/confirm/", views.import_confirm, name="confirm"),
    path("imports/<slug:kind>/", views.import_start, name="import"),
    path("imports/<slug:kind>/template/", views.import_template, name="template"),
    path("exports/<slug:kind>/", views.export_start, name="export"),
]
