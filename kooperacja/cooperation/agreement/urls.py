from django.urls import path

from kooperacja.cooperation.agreement import views

urlpatterns = [
    path("<int:cooperation_id>/porozumienie/", views.overview, name="agreement"),
]
