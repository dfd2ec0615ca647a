from django.urls import path, re_path

from .views import activities, certificates, ledger, numbers, task_forces, volunteer

app_name = "volunteering"
urlpatterns = [
    # Organizers and leaders
    path("", activities.activity_list, name="activity_list"),
    path("activities/new/", activities.activity_create, name="activity_create"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    re_path(
        r"^activities/(?P<pk>[0-9]+)/(?P<action>publish|start|finish|cancel|rotate|certify)/$",
        activities.activity_action,
        name="activity_action",
    ),
    path("activities/<int:pk>/qr/", activities.activity_qr, name="activity_qr"),
    path("activities/<int:pk>/qr.svg", activities.activity_qr_svg, name="activity_qr_svg"),
    path("signups/<int:pk>/decide/", activities.signup_decide, name="signup_decide"),
    path("activities/<int:pk>/signups/approve/", activities.signups_approve, name="signups_approve"),
    path("signups/<int:pk>/attendance/", activities.attendance_confirm, name="attendance_confirm"),
    path("ledger/", ledger.entry_list, name="entry_list"),
    path("entries/<int:pk>/", ledger.entry_detail, name="entry_detail"),
    path("corrections/", ledger.correction_list, name="corrections"),
    path("corrections/<int:pk>/answer/", ledger.correction_answer, name="correction_answer"),
    path("people/<int:pk>/", ledger.person_hours, name="person_hours"),
    path("people/<int:pk>/stars/", ledger.star_record, name="star_record"),
    path("policy/", ledger.policy, name="policy"),
    path("certificates/", certificates.certificate_list, name="certificate_list"),
    path("certificates/new/", certificates.certificate_create, name="certificate_create"),
    path("certificates/<int:pk>/", certificates.certificate_detail, name="certificate_detail"),
    path("certificates/<int:pk>/docx/", certificates.certificate_docx, name="certificate_docx"),
    path("certificates/<int:pk>/pdf/", certificates.certificate_pdf, name="certificate_pdf"),
    path("issuers/<int:pk>/", certificates.issuer_settings, name="issuer_settings"),
    path("task-forces/", task_forces.task_force_list, name="task_force_list"),
    path("task-forces/new/", task_forces.task_force_create, name="task_force_create"),
    path("task-forces/<int:pk>/", task_forces.task_force_detail, name="task_force_detail"),
    path("task-forces/<int:pk>/members/", task_forces.task_force_member_add, name="task_force_member_add"),
    path("task-forces/members/<int:pk>/leave/", task_forces.task_force_member_remove, name="task_force_member_remove"),
    path("task-forces/<int:pk>/deploy/", task_forces.task_force_deploy, name="task_force_deploy"),
    path("stats/", numbers.stats, name="stats"),
    path("stats/<int:pk>/", numbers.stats, name="organization_stats"),
    # The volunteer's own pages (phone)
    path("me/", volunteer.my_volunteering, name="my"),
    path("join/", volunteer.open_list, name="open_list"),
    path("join/<int:pk>/", volunteer.activity_join, name="activity_join"),
    path("join/<int:pk>/signup/", volunteer.signup_create, name="signup_create"),
    path("signups/<int:pk>/withdraw/", volunteer.signup_withdraw, name="signup_withdraw"),
    path("scan/", volunteer.scan, name="scan"),
    path("checkin/<str:token>/", volunteer.checkin, name="checkin"),
    path("entries/<int:pk>/request/", volunteer.entry_request, name="entry_request"),
    # Public, no login
    path("verify/<str:token>/", certificates.verify, name="verify"),
]
