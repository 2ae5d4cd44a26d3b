from django.urls import include, path

from kooperacja.core import views as core_views
from kooperacja.core.admin import site as admin_site

urlpatterns = [
    path("", core_views.dashboard, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("", include("kooperacja.core.urls")),
    path("konto/", include("kooperacja.accounts.urls")),
    path("teryt/", include("kooperacja.territory.urls")),
    path("instytucje/", include("kooperacja.directory.urls")),
    path("analiza/", include("kooperacja.diagnosis.urls")),
    path("kooperacja/", include("kooperacja.cooperation.urls")),
    path("spotkania/", include("kooperacja.meetings.urls")),
    path("sprawy/", include("kooperacja.cases.urls")),
    path("region/", include("kooperacja.regional.urls")),
    path("api/v1/regional/", include("kooperacja.regional.api_urls")),
    path("powiadomienia/", include("kooperacja.notifications.urls")),
    path("dziennik/", include("kooperacja.audit.urls")),
    path("admin/", admin_site.urls),
]
