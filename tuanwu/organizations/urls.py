from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("tree/", views.tree, name="tree"),
    path("tree/<int:pk>/", views.tree_children, name="tree_children"),
    path("tree/side/", views.tree_side, name="tree_side"),
    path("warnings/", views.warning_list, name="warnings"),
    path("picker/", views.picker, name="picker"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:parent_pk>/new/", views.organization_create, name="create"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
    path("<int:pk>/move/", views.organization_move, name="move"),
    path("<int:pk>/dissolve/", views.organization_dissolve, name="dissolve"),
]
