from django.urls import path

from .views import compliance, courses, minutes, ratings, recording

app_name = "meetings"

urlpatterns: list = [
    # recording (views/recording.py)
    path("", recording.meeting_list, name="meeting_list"),
    path("record/", recording.meeting_create, name="meeting_create"),
    path("<int:pk>/", recording.meeting_detail, name="meeting_detail"),
    path("<int:pk>/edit/", recording.meeting_edit, name="meeting_edit"),
    path("<int:pk>/delete/", recording.meeting_delete, name="meeting_delete"),
    path("<int:pk>/attachments/", recording.attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_pk>/", recording.attachment_download, name="attachment_download"),
    path("<int:pk>/attachments/<int:attachment_pk>/remove/", recording.attachment_remove, name="attachment_remove"),
    path("campaigns/", recording.campaign_list, name="campaign_list"),
    path("campaigns/<int:pk>/", recording.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/delete/", recording.campaign_delete, name="campaign_delete"),
    # the minutes book of a term (views/minutes.py)
    path("minutes/", minutes.minutes, name="minutes_book"),
    path("minutes/docx/", minutes.minutes_download, name="minutes_book_docx"),
    # courses and lesson hours (views/courses.py)
    path("courses/", courses.course_list, name="course_list"),
    path("courses/new/", courses.course_create, name="course_create"),
    path("courses/<int:pk>/", courses.course_detail, name="course_detail"),
    path("courses/<int:pk>/edit/", courses.course_edit, name="course_edit"),
    path("courses/<int:pk>/enroll/", courses.enrollment_add, name="enrollment_add"),
    path("courses/<int:pk>/complete/", courses.course_complete, name="course_complete"),
    path("courses/<int:pk>/sessions/record/", courses.session_create, name="course_session_create"),
    path("courses/<int:pk>/graduates/", courses.graduates, name="course_graduates"),
    path(
        "courses/<int:pk>/enrollments/<int:enrollment_pk>/remove/",
        courses.enrollment_remove,
        name="enrollment_remove",
    ),
    path(
        "courses/<int:pk>/enrollments/<int:enrollment_pk>/complete/",
        courses.enrollment_complete,
        name="enrollment_complete",
    ),
    path(
        "courses/<int:pk>/enrollments/<int:enrollment_pk>/reopen/",
        courses.enrollment_reopen,
        name="enrollment_reopen",
    ),
    path("my/", courses.my_life, name="my_life"),
    # compliance (views/compliance.py)
    path("compliance/", compliance.home, name="compliance"),
    path("compliance/branches/<int:pk>/", compliance.branch, name="compliance_branch"),
    path("compliance/committees/<int:pk>/", compliance.committee, name="compliance_committee"),
    path("compliance/county/", compliance.county, name="compliance_county"),
    path("compliance/policy/", compliance.policy, name="compliance_policy"),
    # ratings (views/ratings.py)
    path("ratings/", ratings.rating_list, name="ratings"),
    path("ratings/compute/", ratings.rating_compute, name="rating_compute"),
    path("ratings/<int:pk>/", ratings.rating_detail, name="rating_detail"),
    path("ratings/<int:pk>/items/", ratings.rating_enter, name="rating_enter"),
    path("ratings/<int:pk>/review/", ratings.rating_review, name="rating_review"),
    path("ratings/<int:pk>/reopen/", ratings.rating_reopen, name="rating_reopen"),
    path("ratings/<int:pk>/rectification/", ratings.rectification_edit, name="rectification_edit"),
    path("ratings/rectifications/", ratings.rectification_list, name="rectifications"),
    # the Party branch (views/party.py)
]
