from django.urls import path

from kooperacja.meetings import views

app_name = "meetings"

urlpatterns = [
    path("kooperacja/<int:cooperation_id>/", views.for_cooperation, name="for_cooperation"),
]
