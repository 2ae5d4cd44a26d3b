from django.urls import path

from kooperacja.cases.reports import views

urlpatterns = [
    path("<int:case_id>/sprawozdania/", views.overview, name="reports"),
    path("<int:case_id>/sprawozdania/<int:year>/<int:month>/", views.report_edit, name="report_edit"),
    path(
        "<int:case_id>/sprawozdania/<int:year>/<int:month>/bez-zmian/",
        views.report_nothing_new,
        name="report_nothing_new",
    ),
    path("<int:case_id>/sprawozdania/monitoring/nowa/", views.monitoring_create, name="monitoring_create"),
    path("<int:case_id>/sprawozdania/monitoring/<int:information_id>/", views.monitoring_detail, name="monitoring"),
    path(
        "<int:case_id>/sprawozdania/monitoring/<int:information_id>/zatwierdz/",
        views.monitoring_review,
        name="monitoring_review",
    ),
    path(
        "<int:case_id>/sprawozdania/monitoring/<int:information_id>/brak-sprawozdania/",
        views.missing_report_mark,
        name="missing_report_mark",
    ),
    path(
        "<int:case_id>/sprawozdania/monitoring/<int:information_id>/informacja.pdf",
        views.monitoring_pdf,
        name="monitoring_pdf",
    ),
]
