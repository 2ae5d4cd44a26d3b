from django.urls import path

from kooperacja.cooperation.application import views

urlpatterns = [
    path("<int:cooperation_id>/zgloszenie/", views.overview, name="application"),
    path("<int:cooperation_id>/zgloszenie/nowe/<str:kind>/", views.application_create, name="application_create"),
    path("zgloszenia/<int:application_id>/edycja/", views.application_edit, name="application_edit"),
    path("zgloszenia/<int:application_id>/wyslij/", views.application_submit, name="application_submit"),
    path("zgloszenia/<int:application_id>/wycofaj/", views.application_withdraw, name="application_withdraw"),
    path("zgloszenia/<int:application_id>/zgloszenie.pdf", views.application_pdf, name="application_pdf"),
    path("zgloszenia/<int:application_id>/porozumienie/", views.agreement_file, name="application_agreement_file"),
    path("zgloszenia/<int:application_id>/przydziel/", views.application_assign, name="application_assign"),
    path("zgloszenia/<int:application_id>/odpowiedz/", views.application_answer, name="application_answer"),
    path("zgloszenia/<int:application_id>/potwierdz/", views.notice_acknowledge, name="notice_acknowledge"),
    path("rops/zgloszenia/", views.inbox, name="rops_inbox"),
    path("<int:cooperation_id>/zgody/", views.consent_add, name="consent_add"),
    path("<int:cooperation_id>/zgody/<int:consent_id>/dokument/", views.consent_document, name="consent_document"),
]
