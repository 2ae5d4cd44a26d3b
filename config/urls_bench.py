"""URLconf of the benchmark settings (config.settings.bench): the site plus the floor view."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from kooperacja.demo.bench.views import floor

urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *site_urlpatterns]
