from django.urls import path

from . import views

app_name = "plan"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("import/", views.plan_import, name="import"),
    path("report/", views.report, name="report"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/notes/", views.note_add, name="note_add"),
    path("tasks/<int:pk>/milestones/", views.milestones, name="milestones"),
    path("targets/<int:pk>/", views.target_update, name="target"),
    path("targets/<int:pk>/confirm/", views.target_confirm, name="target_confirm"),
]
