from django.urls import path

from kooperacja.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:notification_id>/", views.notification_open, name="open"),
    path("przeczytane/", views.notifications_read_all, name="read_all"),
    path("poczta/", views.outbox, name="outbox"),
    path("poczta/wyslij-ponownie/", views.outbox_retry_all, name="outbox_retry_all"),
    path("poczta/<int:message_id>/wyslij-ponownie/", views.outbox_retry, name="outbox_retry"),
]
