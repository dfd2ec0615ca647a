from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("my/", views.my_contacts, name="my"),
    path("contacts/<int:pk>/log/", views.contact_log, name="contact_log"),
    path("visits/<int:pk>/log/", views.visit_log, name="visit_log"),
    path("compliance/", views.compliance_list, name="compliance"),
    path("cadres/", views.cadre_list, name="cadres"),
    path("cadres/<int:pk>/handover/", views.cadre_handover, name="cadre_handover"),
    path("policy/", views.policy, name="policy"),
]
