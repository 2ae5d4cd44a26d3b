"""The cooperation under /kooperacja/: the cooperation itself here, its parts in their own packages."""

from django.urls import include, path

from kooperacja.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("", views.cooperation_list, name="list"),
    path("nowa/", views.cooperation_create, name="create"),
    path("<int:cooperation_id>/", views.cooperation_detail, name="detail"),
    path("<int:cooperation_id>/edycja/", views.cooperation_edit, name="edit"),
    path("<int:cooperation_id>/kroki/<int:step_id>/", views.step_edit, name="step_edit"),
    path("<int:cooperation_id>/osoby/", views.role_add, name="role_add"),
    path("<int:cooperation_id>/osoby/<int:role_id>/usun/", views.role_remove, name="role_remove"),
    path("", include("kooperacja.cooperation.application.urls")),  # R-22 application/notice to ROPS, R-23 consent
    path("", include("kooperacja.cooperation.agreement.urls")),  # R-25 declaration/agreement, accessions
    path("", include("kooperacja.cooperation.team.urls")),  # the team and its plan of work
]
