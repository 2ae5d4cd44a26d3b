from django.urls import path

from kooperacja.cases.tools import views

urlpatterns = [
    path("<int:case_id>/narzedzia/", views.overview, name="tools"),
    path("<int:case_id>/narzedzia/ocena/nowa/", views.round_open, name="rating_round_open"),
    path("<int:case_id>/narzedzia/ocena/<int:round_id>/", views.rating, name="rating"),
    path("<int:case_id>/narzedzia/przygotowanie/", views.preparation, name="preparation"),
    path("<int:case_id>/narzedzia/przygotowanie/pdf/", views.preparation_pdf, name="preparation_pdf"),
    path("kooperacja/<int:cooperation_id>/ocena-wspolpracy/", views.cooperation_summary, name="cooperation_tools"),
]
