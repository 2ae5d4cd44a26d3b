from django.urls import path

from kooperacja.cases.group import views

urlpatterns = [
    path("<int:case_id>/grupa/", views.overview, name="group"),
    path("<int:case_id>/grupa/czlonkowie/dodaj/", views.member_add, name="group_member_add"),
    path("<int:case_id>/grupa/osoba-bliska/dodaj/", views.close_person_add, name="group_close_person_add"),
    path("<int:case_id>/grupa/czlonkowie/<int:membership_id>/odejscie/", views.member_leave, name="group_member_leave"),
    path("<int:case_id>/grupa/koordynacja/", views.handover, name="group_handover"),
    path("<int:case_id>/grupa/sprawy/dodaj/", views.attach, name="group_attach"),
    path("<int:case_id>/grupa/spotkania/nowe/", views.meeting_plan, name="group_meeting_plan"),
    path("<int:case_id>/grupa/spotkania/dodatkowe/", views.extra_meeting, name="group_extra_meeting"),
    path("<int:case_id>/grupa/monitoring/", views.monitoring, name="group_monitoring"),
    path("<int:case_id>/grupa/spotkania/<int:meeting_id>/rodzina/", views.participation, name="group_participation"),
]
