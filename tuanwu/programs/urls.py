from django.urls import path

from . import views

app_name = "programs"

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/members/", views.project_member_add, name="project_member_add"),
    path("projects/<int:pk>/start/", views.project_start, name="project_start"),
    path("projects/<int:pk>/close/", views.project_close, name="project_close"),
    path("projects/<int:pk>/notes/", views.project_note, name="project_note"),
    path("projects/<int:pk>/service/", views.project_service, name="project_service"),
    path("calls/", views.call_list, name="call_list"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("calls/<int:pk>/entries/", views.entry_create, name="entry_create"),
    path("calls/<int:pk>/rounds/", views.round_create, name="round_create"),
    path("calls/<int:pk>/notice/", views.notice_publish, name="notice_publish"),
    path("calls/<int:pk>/objections/", views.objection_record, name="objection_record"),
    path("calls/<int:pk>/awards/", views.award_grant, name="award_grant"),
    path("objections/<int:pk>/answer/", views.objection_answer, name="objection_answer"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/criteria/", views.criterion_add, name="criterion_add"),
    path("rounds/<int:pk>/judges/", views.judge_assign, name="judge_assign"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("criteria/<int:pk>/edit/", views.criterion_edit, name="criterion_edit"),
    path("criteria/<int:pk>/remove/", views.criterion_remove, name="criterion_remove"),
    path("assignments/<int:pk>/edit/", views.assignment_edit, name="assignment_edit"),
    path("assignments/<int:pk>/remove/", views.assignment_remove, name="assignment_remove"),
    path("rounds/<int:pk>/score/", views.round_score, name="round_score"),
    path("rounds/<int:pk>/results.xlsx", views.round_results_xlsx, name="round_results_xlsx"),
    path("awards/<int:pk>/", views.award_print, name="award_print"),
    path("awards/<int:pk>/certificate.docx", views.award_docx, name="award_docx"),
    path("awards/<int:pk>/certificate.pdf", views.award_pdf, name="award_pdf"),
    path("verify/<str:token>/", views.verify, name="verify"),
]
