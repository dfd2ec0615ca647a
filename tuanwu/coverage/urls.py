from django.urls import path

from . import views

app_name = "coverage"

urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/survey/", views.unit_survey, name="unit_survey"),
    path("units/<int:pk>/found/", views.unit_found, name="unit_found"),
    path("units/<int:pk>/check/", views.unit_check, name="unit_check"),
    path("board/", views.board, name="board"),
    path("board/snapshot/", views.snapshot_take, name="snapshot_take"),
    path("board/snapshot/correct/", views.snapshot_correct, name="snapshot_correct"),
    path("board/quality-gate/", views.quality_gate, name="quality_gate"),
    path("board/schedule/", views.schedule, name="schedule"),
    path("founding/", views.founding, name="founding"),
    path("policy/", views.policy, name="policy"),
]
