from django.urls import path

from kooperacja.cases.messages import views

urlpatterns = [
    path("<int:case_id>/wiadomosci/", views.overview, name="messages"),
]
