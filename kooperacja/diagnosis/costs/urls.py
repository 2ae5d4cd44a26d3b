"""URLs of the cost of inaction (R-15), in the ``diagnosis`` namespace under /analiza/."""

from django.urls import path

from kooperacja.diagnosis.costs import views

urlpatterns = [
    path("koszty-jednostkowe/", views.unit_costs, name="unit_costs"),
    path("koszty-jednostkowe/nowy/", views.unit_cost_create, name="unit_cost_create"),
    path("koszty-jednostkowe/<int:unit_cost_id>/edycja/", views.unit_cost_edit, name="unit_cost_edit"),
    path("koszty-jednostkowe/<int:unit_cost_id>/wycofanie/", views.unit_cost_toggle, name="unit_cost_toggle"),
    path("koszty-jednostkowe/<int:unit_cost_id>/usuniecie/", views.unit_cost_delete, name="unit_cost_delete"),
    path("<int:analysis_id>/koszty/", views.overview, name="costs"),
    path("<int:analysis_id>/koszty/nowa/", views.card_create, name="cost_card_create"),
    path("koszty/karty/<int:card_id>/", views.card_detail, name="cost_card"),
    path("koszty/karty/<int:card_id>/edycja/", views.card_edit, name="cost_card_edit"),
    path("koszty/karty/<int:card_id>/usuniecie/", views.card_delete, name="cost_card_delete"),
    path("koszty/karty/<int:card_id>/karta.pdf", views.card_pdf, name="cost_card_pdf"),
    path("koszty/karty/<int:card_id>/pozycje/nowa/", views.line_add, name="cost_line_add"),
    path("koszty/karty/<int:card_id>/pozycje/<int:line_id>/edycja/", views.line_edit, name="cost_line_edit"),
    path("koszty/karty/<int:card_id>/pozycje/<int:line_id>/usuniecie/", views.line_delete, name="cost_line_delete"),
]
