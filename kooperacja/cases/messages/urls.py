from django.urls import path

from kooperacja.cases.messages import views

urlpatterns = [
    path("<int:case_id>/wiadomosci/", views.overview, name="messages"),
    path("<int:case_id>/wiadomosci/zalacznik/<int:attachment_id>/", views.attachment, name="message_attachment"),
]
