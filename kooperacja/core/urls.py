from django.urls import path

from kooperacja.core import views

app_name = "core"

urlpatterns = [path("pulpit/", views.dashboard, name="dashboard")]
