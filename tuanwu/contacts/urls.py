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
    path("cadres/new/", views.cadre_register, name="cadre_register"),
    path("cadres/<int:pk>/", views.cadre_detail, name="cadre_detail"),
    path("cadres/<int:pk>/fixed/", views.fixed_add, name="fixed_add"),
    path("fixed/<int:pk>/end/", views.fixed_end, name="fixed_end"),
    path("cadres/<int:pk>/handover/", views.cadre_handover, name="cadre_handover"),
    path("policy/", views.policy, name="policy"),
]
