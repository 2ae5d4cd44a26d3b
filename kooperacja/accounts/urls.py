from django.urls import path

from kooperacja.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logowanie/", views.login_view, name="login"),
    path("weryfikacja/", views.second_factor, name="second_factor"),
    path("drugi-skladnik/", views.enrol, name="enrol"),
    path("wyloguj/", views.logout_view, name="logout"),
    path("konto/", views.account, name="account"),
    path("konto/kody-zapasowe/", views.backup_codes, name="backup_codes"),
    path("konto/haslo/", views.password_change, name="password_change"),
    path("haslo/reset/", views.password_reset, name="password_reset"),
    path("haslo/reset/wyslano/", views.password_reset_done, name="password_reset_done"),
    path("haslo/ustaw/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("haslo/ustawione/", views.password_reset_complete, name="password_reset_complete"),
    path("uzytkownicy/", views.user_list, name="user_list"),
    path("uzytkownicy/nowy/", views.user_create, name="user_create"),
    path("uzytkownicy/<int:user_id>/", views.user_detail, name="user_detail"),
    path("uzytkownicy/<int:user_id>/role/", views.membership_add, name="membership_add"),
    path(
        "uzytkownicy/<int:user_id>/role/<int:membership_id>/koniec/",
        views.membership_end,
        name="membership_end",
    ),
    path("uzytkownicy/<int:user_id>/reset-2fa/", views.user_second_factor_reset, name="second_factor_reset"),
    path("uzytkownicy/<int:user_id>/link-hasla/", views.user_password_link, name="password_link"),
]
