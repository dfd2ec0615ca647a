from django.urls import path

from .views import discipline, exits

app_name = "lifecycle"

urlpatterns: list = [
    # dues (views/dues.py)
    # evaluation and registration (views/evaluation.py)
    # transfers (views/transfers.py)
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
