from django.urls import path

from . import views

app_name = "care"

urlpatterns = [
    path("", views.record_list, name="record_list"),
    path("records/new/", views.record_create, name="record_create"),
    path("records/<int:pk>/", views.record_detail, name="record_detail"),
    path("records/<int:pk>/measures/", views.measure_add, name="measure_add"),
    path("records/<int:pk>/close/", views.record_close, name="record_close"),
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/visits/", views.project_visit, name="project_visit"),
    path("projects/<int:pk>/inputs/", views.project_input, name="project_input"),
    path("projects/<int:pk>/results/", views.project_results, name="project_results"),
]
