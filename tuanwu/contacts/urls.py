from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("my/", views.my_contacts, name="my"),
    path("contacts/<int:pk>/log/", views.contact_log, name="contact_log"),
    path("contacts/<int:pk>/fix/", views.contact_fix, name="contact_fix"),
    path("contacts/<int:pk>/end/", views.contact_end, name="contact_end"),
    path("cadres/<int:pk>/contacts/new/", views.contact_add, name="contact_add"),
    path("visits/<int:pk>/log/", views.visit_log, name="visit_log"),
    path("compliance/", views.compliance_list, name="compliance"),
    path("cadres/", views.cadre_list, name="cadres"),
    path("cadres/<int:pk>/handover/", views.cadre_handover, name="cadre_handover"),
    path("policy/", views.policy, name="policy"),
]
