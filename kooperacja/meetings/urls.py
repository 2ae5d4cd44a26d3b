from django.urls import path

from kooperacja.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.my_meetings, name="my_meetings"),
    path("zadania/", views.my_tasks, name="my_tasks"),
    path("zadania/<int:item_id>/wykonane/", views.action_item_done, name="action_item_done"),
    path("kooperacja/<int:cooperation_id>/", views.for_cooperation, name="for_cooperation"),
    path("kooperacja/<int:cooperation_id>/nowe/", views.meeting_create, name="create"),
    path("<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("<int:meeting_id>/zmien/", views.meeting_edit, name="edit"),
    path("<int:meeting_id>/odwolaj/", views.meeting_cancel, name="cancel"),
    path("<int:meeting_id>/zaproszeni/dodaj/", views.invitation_add, name="invitation_add"),
    path("<int:meeting_id>/zaproszeni/<int:invitation_id>/usun/", views.invitation_remove, name="invitation_remove"),
    path("<int:meeting_id>/zaproszeni/<int:invitation_id>/odpowiedz/", views.invitation_answer, name="answer"),
    path(
        "<int:meeting_id>/zaproszeni/<int:invitation_id>/zaproszenie.pdf", views.invitations_pdf, name="invitation_pdf"
    ),
    path("<int:meeting_id>/wyslij/", views.invitations_send, name="send"),
    path("<int:meeting_id>/zaproszenia.pdf", views.invitations_pdf, name="invitations_pdf"),
    path("<int:meeting_id>/obecnosc/", views.attendance, name="attendance"),
    path("<int:meeting_id>/lista-obecnosci.pdf", views.attendance_pdf, name="attendance_pdf"),
    path("<int:meeting_id>/protokol/", views.minutes_detail, name="minutes"),
    path("<int:meeting_id>/protokol/edycja/", views.minutes_edit, name="minutes_edit"),
    path("<int:meeting_id>/protokol.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<int:meeting_id>/zatwierdz-protokol/", views.minutes_approve, name="minutes_approve"),
    path("<int:meeting_id>/spotkanie.ics", views.meeting_calendar, name="ics"),
]
