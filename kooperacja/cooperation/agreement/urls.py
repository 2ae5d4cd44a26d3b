from django.urls import path

from kooperacja.cooperation.agreement import views

urlpatterns = [
    path("<int:cooperation_id>/porozumienie/", views.overview, name="agreement"),
    path("<int:cooperation_id>/porozumienie/nowe/", views.create, name="agreement_create"),
    path("<int:cooperation_id>/porozumienie/tresc/", views.edit, name="agreement_edit"),
    path("<int:cooperation_id>/porozumienie/negocjacje/", views.negotiate, name="agreement_negotiate"),
    path("<int:cooperation_id>/porozumienie/podpisanie/", views.sign, name="agreement_sign"),
    path("<int:cooperation_id>/porozumienie/pdf/", views.pdf, name="agreement_pdf"),
    path("<int:cooperation_id>/porozumienie/strony/nowa/", views.party_add, name="agreement_party_add"),
    path(
        "<int:cooperation_id>/porozumienie/strony/<int:party_id>/podpis/", views.party_sign, name="agreement_party_sign"
    ),
    path(
        "<int:cooperation_id>/porozumienie/strony/<int:party_id>/odmowa/",
        views.party_decline,
        name="agreement_party_decline",
    ),
    path(
        "<int:cooperation_id>/porozumienie/strony/<int:party_id>/usun/",
        views.party_remove,
        name="agreement_party_remove",
    ),
    path(
        "<int:cooperation_id>/porozumienie/strony/<int:party_id>/skan/", views.party_scan, name="agreement_party_scan"
    ),
]
