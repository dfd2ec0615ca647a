app_name = "meetings"

urlpatterns: list = [
    # recording (views/recording.py)
    # courses and lesson hours (views/courses.py)
    # compliance (views/compliance.py)
    # ratings (views/ratings.py)
    # the Party branch (views/party.py)
]
