from django.urls import path

from .views import ratings

app_name = "meetings"

urlpatterns: list = [
    # recording (views/recording.py)
    # courses and lesson hours (views/courses.py)
    # compliance (views/compliance.py)
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
