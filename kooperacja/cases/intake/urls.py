from django.urls import path

from kooperacja.cases.intake import views

urlpatterns = [
    path("", views.case_list, name="list"),
    path("nowa/", views.case_create, name="create"),
    path("zgloszenia/nowe/", views.referral_create, name="referral_create"),
    path("zgloszenia/<int:referral_id>/wycofaj/", views.referral_withdraw, name="referral_withdraw"),
    path("zgloszenia/<int:referral_id>/przyjmij/", views.referral_accept, name="referral_accept"),
    path("zgloszenia/<int:referral_id>/odrzuc/", views.referral_decline, name="referral_decline"),
    path("<int:case_id>/", views.overview, name="detail"),
    path("<int:case_id>/pracownicy-ops/", views.case_staff, name="case_staff"),
    path("<int:case_id>/kwalifikacja/", views.qualification, name="qualification"),
    path("<int:case_id>/wywiad/", views.interview, name="interview"),
    path("<int:case_id>/osoby/nowa/", views.person_create, name="person_create"),
    path("<int:case_id>/osoby/<int:person_id>/", views.person_edit, name="person_edit"),
    path("<int:case_id>/osoby/<int:person_id>/usun/", views.person_remove, name="person_remove"),
    path("<int:case_id>/osoby/<int:person_id>/dane.json", views.person_export_json, name="person_export_json"),
    path("<int:case_id>/osoby/<int:person_id>/dane.pdf", views.person_export_pdf, name="person_export_pdf"),
    path("<int:case_id>/zgody/nowa/", views.consent_create, name="consent_create"),
    path("<int:case_id>/zgody/<int:consent_id>/zgoda.pdf", views.consent_pdf, name="consent_pdf"),
    path("<int:case_id>/zgody/<int:consent_id>/wycofaj/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:case_id>/udostepnienie/", views.override_create, name="override_create"),
    path("<int:case_id>/dostep-awaryjny/", views.break_glass, name="break_glass"),
]
