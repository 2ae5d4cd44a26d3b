"""Resource cards (R-03), included in the "directory" namespace under /instytucje/karty/."""

from django.urls import path

from kooperacja.directory import views_cards

urlpatterns = [
    path("", views_cards.overview, name="cards"),
    path("<str:unit_code>/<slug:problem_code>/", views_cards.card, name="card"),
    path("<str:unit_code>/<slug:problem_code>/pdf/", views_cards.card_pdf, name="card_pdf"),
    path("<str:unit_code>/<slug:problem_code>/komentarz/", views_cards.card_note, name="card_note"),
]
