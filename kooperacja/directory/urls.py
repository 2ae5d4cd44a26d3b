from django.urls import include, path

from kooperacja.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.institution_list, name="list"),
    path("nowa/", views.institution_create, name="create"),
    path("<int:institution_id>/", views.institution_detail, name="detail"),
    path("<int:institution_id>/edycja/", views.institution_edit, name="edit"),
    path("<int:institution_id>/potwierdzenie/", views.institution_confirm, name="confirm"),
    path("<int:institution_id>/uslugi/nowa/", views.service_create, name="service_create"),
    path("uslugi/<int:service_id>/edycja/", views.service_edit, name="service_edit"),
    path("uslugi/<int:service_id>/usun/", views.service_delete, name="service_delete"),
    path("", include("kooperacja.directory.urls_exchange")),  # import and export (CSV, HSDS 3.0)
    path("karty/", include("kooperacja.directory.urls_cards")),  # resource cards
]
