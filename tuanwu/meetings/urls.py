from django.urls import path

from .views import compliance

app_name = "meetings"

urlpatterns: list = [
    # recording (views/recording.py)
    # courses and lesson hours (views/courses.py)
    # compliance (views/compliance.py)
    path("compliance/", compliance.home, name="compliance"),
    path("compliance/branches/<int:pk>/", compliance.branch, name="compliance_branch"),
    path("compliance/committees/<int:pk>/", compliance.committee, name="compliance_committee"),
    path("compliance/county/", compliance.county, name="compliance_county"),
    path("compliance/policy/", compliance.policy, name="compliance_policy"),
    # ratings (views/ratings.py)
    # the Party branch (views/party.py)
]
