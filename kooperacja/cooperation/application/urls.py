from django.urls import path

from kooperacja.cooperation.application import views

urlpatterns = [
    path("<int:cooperation_id>/zgloszenie/", views.overview, name="application"),
]
