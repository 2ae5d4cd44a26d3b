"""The municipality analysis under /analiza/: the analysis itself here, its parts in their own packages."""

from django.urls import include, path

from kooperacja.diagnosis import views
from kooperacja.diagnosis.forms import ITEM_KINDS

app_name = "diagnosis"

urlpatterns = [
    path("", views.analysis_list, name="list"),
    path("nowa/", views.analysis_create, name="create"),
    path("<int:analysis_id>/", views.analysis_detail, name="detail"),
    path("<int:analysis_id>/edycja/", views.analysis_edit, name="edit"),
    path("<int:analysis_id>/infrastruktura/", views.infrastructure, name="infrastructure"),
    path("<int:analysis_id>/problemy/", views.problem_map, name="problems"),
    path("<int:analysis_id>/problemy/rok/", views.problem_year, name="problem_year"),
    path("<int:analysis_id>/problemy/szablon.csv", views.problem_template, name="problem_template"),
    path("<int:analysis_id>/problemy/import/", views.problem_import, name="problem_import"),
    # Enclaves, groups at risk and needs (the slugs of forms.ITEM_KINDS); reverse them with kwargs incl. kind.
    *[
        route
        for kind in ITEM_KINDS
        for route in (
            path(f"<int:analysis_id>/{kind}/nowy/", views.item_form, {"kind": kind}, name="item_add"),
            path(f"<int:analysis_id>/{kind}/<int:item_id>/", views.item_form, {"kind": kind}, name="item_edit"),
            path(
                f"<int:analysis_id>/{kind}/<int:item_id>/usun/", views.item_delete, {"kind": kind}, name="item_delete"
            ),
        )
    ],
    path("<int:analysis_id>/zasoby/", views.resources, name="resources"),
    path("<int:analysis_id>/kompletnosc/", views.completeness, name="completeness"),
    path("<int:analysis_id>/raport.pdf", views.report_pdf, name="report"),
    path("", include("kooperacja.diagnosis.statistics.urls")),  # R-10 indicators, BDL
    path("", include("kooperacja.diagnosis.network.urls")),  # R-13 survey rounds, network measures
    path("", include("kooperacja.diagnosis.costs.urls")),  # R-15 unit costs, cost-of-inaction cards
]
