from django.urls import path

from . import views

app_name = "publicity"

urlpatterns = [
    path("role-models/", views.role_model_list, name="role_model_list"),
    path("role-models/new/", views.role_model_create, name="role_model_create"),
    path("role-models/<int:pk>/", views.role_model_detail, name="role_model_detail"),
    path("role-models/<int:pk>/edit/", views.role_model_edit, name="role_model_edit"),
    path("role-models/<int:pk>/publicity/", views.publicity_add, name="publicity_add"),
    path("role-models/<int:pk>/honours/", views.honour_add, name="honour_add"),
    path("accounts/", views.account_list, name="account_list"),
    path("accounts/new/", views.account_create, name="account_create"),
    path("accounts/<int:pk>/", views.account_detail, name="account_detail"),
    path("accounts/<int:pk>/edit/", views.account_edit, name="account_edit"),
    path("accounts/<int:pk>/close/", views.account_close, name="account_close"),
    path("accounts/<int:pk>/admins/", views.admin_add, name="admin_add"),
    path("accounts/<int:pk>/admins/<int:admin_pk>/handover/", views.admin_handover, name="admin_handover"),
    path("accounts/<int:pk>/reviews/", views.review_add, name="review_add"),
    path("accounts/<int:pk>/figures/", views.figure_entry, name="figure_entry"),
    path("media-policy/", views.media_policy, name="media_policy"),
]
