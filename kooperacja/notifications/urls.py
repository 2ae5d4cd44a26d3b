from django.urls import path

from kooperacja.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:notification_id>/", views.notification_open, name="open"),
    path("przeczytane/", views.notifications_read_all, name="read_all"),
]
