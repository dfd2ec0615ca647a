from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("me/", views.me, name="me"),
    path("pending-exits/", views.pending_exits, name="pending_exits"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/move/", views.person_move, name="move"),
    path("<int:pk>/reveal/", views.person_reveal, name="reveal"),
    path("<int:pk>/membership/", views.membership_register, name="membership_register"),
    path("<int:pk>/exit/", views.exit_request, name="exit_request"),
    path("<int:pk>/exit/decide/", views.exit_decide, name="exit_decide"),
    path("<int:pk>/restore/", views.membership_restore, name="membership_restore"),
    path("<int:pk>/posts/new/", views.post_add, name="post_add"),
    path("posts/<int:pk>/end/", views.post_end, name="post_end"),
]
