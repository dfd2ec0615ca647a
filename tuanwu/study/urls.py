from django.urls import path

from . import views

app_name = "study"
urlpatterns = [
    path("", views.episode_list, name="episodes"),
    path("episodes/<int:pk>/", views.episode_ranking, name="ranking"),
    path("episodes/<int:pk>/import/", views.episode_import, name="import"),
    path("episodes/<int:pk>/review/", views.review, name="review"),
    path("episodes/<int:pk>/people/", views.people, name="people"),
    path("episodes/<int:pk>/behind/", views.behind, name="behind"),
    path("participations/<int:pk>/assign/", views.review_assign, name="assign"),
    path("seasons/<int:pk>/", views.season, name="season"),
    path("organizations/<int:org_pk>/", views.organization_trend, name="trend"),
    path("people/<int:person_pk>/", views.person_record, name="person"),
]
