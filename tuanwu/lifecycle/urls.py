from django.urls import path

from .views import discipline, dues, evaluation, exits, transfers

app_name = "lifecycle"

urlpatterns: list = [
    # dues (views/dues.py)
    path("dues/", dues.home, name="dues"),
    path("dues/mine/", dues.mine, name="dues_mine"),
    path("dues/policy/", dues.policy, name="dues_policy"),
    path("dues/organizations/<int:pk>/", dues.organization, name="dues_organization"),
    path("dues/organizations/<int:pk>/payments/", dues.payment_create, name="dues_payment_create"),
    path("dues/organizations/<int:pk>/payments/bulk/", dues.payments_bulk, name="dues_payments_bulk"),
    path("dues/organizations/<int:pk>/bands/", dues.band_set, name="dues_band_set"),
    path("dues/organizations/<int:pk>/decisions/", dues.decision_record, name="dues_decision_record"),
    path("dues/organizations/<int:pk>/bills/", dues.bills, name="dues_bills"),
    path("dues/organizations/<int:pk>/bills/confirm/", dues.bills_confirm_certain, name="dues_bills_confirm"),
    path("dues/organizations/<int:pk>/statement/", dues.statement, name="dues_statement"),
    path("dues/bill-lines/<int:pk>/confirm/", dues.bill_line_confirm, name="dues_bill_line_confirm"),
    path("dues/bill-lines/<int:pk>/dismiss/", dues.bill_line_dismiss, name="dues_bill_line_dismiss"),
    # evaluation and registration (views/evaluation.py)
    path("evaluations/", evaluation.evaluation_list, name="evaluations"),
    path("evaluations/open/", evaluation.evaluation_open, name="evaluation_open"),
    path("evaluations/approvals/", evaluation.approvals, name="evaluation_approvals"),
    path("evaluations/<int:pk>/", evaluation.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/grades/", evaluation.evaluation_grades, name="evaluation_grades"),
    path("evaluations/<int:pk>/meeting/", evaluation.evaluation_meeting, name="evaluation_meeting"),
    path("evaluations/<int:pk>/submit/", evaluation.evaluation_submit, name="evaluation_submit"),
    path("evaluations/<int:pk>/approve/", evaluation.evaluation_approve, name="evaluation_approve"),
    path("evaluations/<int:pk>/return/", evaluation.evaluation_return, name="evaluation_return"),
    path("evaluations/entries/<int:pk>/talk/", evaluation.entry_talk, name="entry_talk"),
    path("evaluations/entries/<int:pk>/reevaluate/", evaluation.entry_reevaluate, name="entry_reevaluate"),
    path("evaluations/entries/<int:pk>/appeal/", evaluation.entry_appeal, name="entry_appeal"),
    path("evaluations/entries/<int:pk>/answer/", evaluation.entry_answer, name="entry_answer"),
    path("registrations/", evaluation.registrations, name="registrations"),
    path("registrations/register/", evaluation.registration_register, name="registration_register"),
    path(
        "registrations/register-branch/", evaluation.registration_register_branch, name="registration_register_branch"
    ),
    path("registrations/defer/", evaluation.registration_defer, name="registration_defer"),
    path("registrations/<int:pk>/close/", evaluation.registration_close, name="registration_close"),
    path("me/", evaluation.me, name="me"),
    path("people/<int:pk>/", evaluation.person_record, name="person_record"),
    path("policy/", evaluation.policy, name="policy"),
    # transfers (views/transfers.py)
    path("transfers/", transfers.transfer_list, name="transfer_list"),
    path("transfers/county/", transfers.transfer_county, name="transfer_county"),
    path("transfers/policy/", transfers.policy, name="transfer_policy"),
    path("transfers/mine/", transfers.transfer_mine, name="transfer_mine"),
    path("transfers/request/", transfers.transfer_request, name="transfer_request"),
    path("transfers/receive/", transfers.transfer_receive, name="transfer_receive"),
    path("transfers/people/<int:person_id>/new/", transfers.transfer_new, name="transfer_new"),
    path("transfers/<int:pk>/", transfers.transfer_detail, name="transfer_detail"),
    path("transfers/<int:pk>/approve/", transfers.transfer_approve, name="transfer_approve"),
    path("transfers/<int:pk>/accept/", transfers.transfer_accept, name="transfer_accept"),
    path("transfers/<int:pk>/reject/", transfers.transfer_reject, name="transfer_reject"),
    path("transfers/<int:pk>/letter/", transfers.transfer_letter, name="transfer_letter"),
    path("graduation/", transfers.graduation_list, name="graduation_list"),
    path("graduation/branches/<int:organization_id>/", transfers.graduation_set, name="graduation_set"),
    path("graduation/<int:pk>/", transfers.graduation_detail, name="graduation_detail"),
    # discipline (views/discipline.py)
    path("discipline/", discipline.case_list, name="discipline_list"),
    path("discipline/new/", discipline.case_create, name="discipline_create"),
    path("discipline/<int:pk>/", discipline.case_detail, name="discipline_detail"),
    path("discipline/<int:pk>/decide/", discipline.case_decide, name="discipline_decide"),
    path("discipline/<int:pk>/appeal/", discipline.case_appeal, name="discipline_appeal"),
    path("discipline/<int:pk>/answer/", discipline.case_answer, name="discipline_answer"),
    path("discipline/<int:pk>/conclude/", discipline.case_conclude, name="discipline_conclude"),
    # exits (views/exits.py)
    path("exits/age-out/", exits.age_out, name="exits_age_out"),
    path("exits/age-out/<int:pk>/request/", exits.age_out_request, name="age_out_request"),
    path("exits/lapse/", exits.lapse, name="exits_lapse"),
    path("exits/lapse/propose/", exits.lapse_propose, name="lapse_propose"),
    path("exits/lapse/<int:pk>/", exits.lapse_detail, name="lapse_detail"),
    path("exits/lapse/<int:pk>/decide/", exits.lapse_decide, name="lapse_decide"),
    path("exits/lapse/<int:pk>/drop/", exits.lapse_drop, name="lapse_drop"),
]
