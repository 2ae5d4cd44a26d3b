from django.urls import path

from kooperacja.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.institution_list, name="list"),
    path("nowa/", views.institution_create, name="create"),
    path("<int:institution_id>/edycja/", views.institution_edit, name="edit"),
]
