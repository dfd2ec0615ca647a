from django.urls import path

from .views import handling, public, rights

app_name = "voice"

urlpatterns: list = [
    # public, no login (views/public.py)
    path("", public.ask, name="home"),
    path("ask/", public.ask, name="ask"),
    path("track/", public.track, name="track"),
    path("answers/", public.answers, name="answers"),
    path("track/<str:number>/", public.track_case, name="track_case"),
    path("s/<str:token>/", public.survey_answer, name="survey_answer"),
    # handlers (views/handling.py)
    path("cases/", handling.inbox, name="inbox"),
    path("cases/work-order/", handling.work_order, name="work_order"),
    path("cases/<int:pk>/", handling.case_detail, name="case_detail"),
    path("cases/<int:pk>/attachments/<int:attachment_pk>/", handling.attachment_download, name="attachment_download"),
    path("cases/<int:pk>/reveal/", handling.case_reveal, name="case_reveal"),
    path("cases/<int:pk>/<str:action>/", handling.case_act, name="case_act"),
    path("overview/", handling.overview, name="overview"),
    path("calendar/", handling.calendar, name="calendar"),
    path("calendar/<int:year>/", handling.calendar_year, name="calendar_year"),
    path("policy/", handling.policy, name="policy"),
    # the rights mechanism (views/rights.py)
    path("experts/", rights.expert_list, name="expert_list"),
    path("experts/<int:pk>/", rights.expert_edit, name="expert_edit"),
    path("rights-coverage/", rights.rights_coverage, name="rights_coverage"),
    path("surveys/", rights.survey_list, name="survey_list"),
    path("surveys/<int:pk>/", rights.survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/report/", rights.survey_report, name="survey_report"),
]
