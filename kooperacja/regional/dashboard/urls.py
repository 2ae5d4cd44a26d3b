from django.urls import path

from kooperacja.regional.dashboard import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("kooperacje/<int:cooperation_id>/", views.cooperation, name="cooperation"),
    path("kartogram/", views.cartogram_page, name="cartogram"),
    path("animatorzy/", views.animators, name="animators"),
    path("eksport.csv", views.export_csv, name="export_csv"),
    path("eksport.xlsx", views.export_xlsx, name="export_xlsx"),
]
