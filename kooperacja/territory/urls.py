from django.urls import path

from kooperacja.territory import views

app_name = "territory"

urlpatterns = [
    path("", views.search, name="search"),
    path("podpowiedzi/", views.suggest, name="suggest"),
    path("<str:code>/", views.detail, name="detail"),
]
