from django.urls import path

from .views import transfers

app_name = "lifecycle"

urlpatterns: list = [
    # dues (views/dues.py)
    # evaluation and registration (views/evaluation.py)
    # transfers (views/transfers.py)
    path("transfers/", transfers.transfer_list, name="transfer_list"),
    path("transfers/county/", transfers.transfer_county, name="transfer_county"),
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
]
