from django.urls import path, re_path

from .views import applicant, audit, committee, lessons, pipeline

app_name = "admission"
urlpatterns = [
    path("", pipeline.board, name="board"),
    path("new/", pipeline.application_create, name="create"),
    path("<int:pk>/", pipeline.application_detail, name="detail"),
    re_path(
        r"^(?P<pk>[0-9]+)/steps/(?P<step>interview|activist|training|candidate|prereview|introducers|approve|archive)/$",
        pipeline.application_step,
        name="step",
    ),
    path("<int:pk>/send-back/", pipeline.application_send_back, name="send_back"),
    path("<int:pk>/close/", pipeline.application_close, name="close"),
    path("<int:pk>/lesson-credits/", lessons.lesson_credit_create, name="lesson_credit_add"),
    path("meetings/new/", pipeline.meeting_create, name="meeting_create"),
    path("approvals/", committee.approvals, name="approvals"),
    path("quotas/", committee.quotas, name="quotas"),
    path("policy/", committee.policy, name="policy"),
    path("ceremonies/new/", committee.ceremony_create, name="ceremony_create"),
    path("oath/", committee.oath, name="oath"),
    path("audit/", audit.audit, name="audit"),
    path("ratios/", audit.ratios, name="ratios"),
    path("files/", audit.files, name="files"),
    path("mine/", applicant.mine, name="mine"),
]
