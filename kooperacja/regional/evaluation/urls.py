from django.urls import path

from kooperacja.regional.evaluation import views

urlpatterns = [
    path("ewaluacje/", views.evaluations, name="evaluations"),
    path("koszty/", views.costs, name="costs"),
    path("koszty/csv/", views.costs_csv, name="costs_csv"),
    path("kooperacja/<int:cooperation_id>/ewaluacja/", views.evaluation, name="evaluation"),
    path("kooperacja/<int:cooperation_id>/ewaluacja/raport.pdf", views.evaluation_report, name="evaluation_report"),
    path("kooperacja/<int:cooperation_id>/ewaluacja/decyzja/", views.evaluation_decision, name="evaluation_decision"),
    path("kooperacja/<int:cooperation_id>/koszty/", views.cooperation_costs, name="cooperation_costs"),
    path("kooperacja/<int:cooperation_id>/koszty/<int:cost_id>/usun/", views.cost_remove, name="cost_remove"),
]
