from django.urls import path

from .views import dues

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
    # transfers (views/transfers.py)
]
