from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("todo/", views.todo_list, name="todo"),
    path("todo/counts/", views.todo_counts, name="todo_counts"),
]
