from django.urls import path

from . import views

app_name = "duties"

urlpatterns = [
    path("", views.term_list, name="term_list"),
    path("terms/new/", views.term_create, name="term_create"),
    path("terms/<int:pk>/", views.term_detail, name="term_detail"),
    path("terms/<int:pk>/edit/", views.term_edit, name="term_edit"),
    path("proposals/<int:pk>/adopt/", views.proposal_adopt, name="proposal_adopt"),
    path("proposals/<int:pk>/handle/", views.proposal_handle, name="proposal_handle"),
    path("terms/<int:pk>/mandates/new/", views.mandate_create, name="mandate_create"),
    path("mandates/<int:pk>/end/", views.mandate_end, name="mandate_end"),
    path("mandates/<int:pk>/record/", views.duty_create, name="duty_create"),
    path("people/<int:person_id>/", views.person_year, name="person_year"),
    path("my/", views.my_duties, name="my"),
    path("export/", views.export, name="export"),
]
