from django.urls import path

from kooperacja.directory import views_exchange as views

urlpatterns = [
    path("import/", views.import_upload, name="import"),
    path("import/wzor.csv", views.import_template, name="import_template"),
    path("import/kolumny/", views.import_guide, name="import_guide"),
    path("import/<str:token>/", views.import_preview, name="import_preview"),
    path("import/<str:token>/zatwierdz/", views.import_confirm, name="import_confirm"),
    path("import/<str:token>/anuluj/", views.import_cancel, name="import_cancel"),
    path("import/<str:token>/wiersz/<int:line>/", views.import_fix_row, name="import_fix_row"),
    path("eksport/", views.export_page, name="export"),
    path("eksport/instytucje.csv", views.export_csv, name="export_csv"),
    path("eksport/instytucje.json", views.export_hsds, name="export_hsds"),
]
