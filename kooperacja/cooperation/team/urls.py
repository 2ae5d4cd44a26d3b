from django.urls import path

from kooperacja.cooperation.team import views

urlpatterns = [
    path("<int:cooperation_id>/zespol/", views.overview, name="team"),
    path("<int:cooperation_id>/zespol/pdf/", views.pdf, name="team_pdf"),
    path("<int:cooperation_id>/zespol/harmonogram/", views.schedule, name="team_schedule"),
    path("<int:cooperation_id>/zespol/czlonkowie/nowy/", views.member_add, name="team_member_add"),
    path("<int:cooperation_id>/zespol/czlonkowie/<int:member_id>/", views.member_edit, name="team_member_edit"),
    path("<int:cooperation_id>/zespol/cele/nowy/", views.goal_add, name="team_goal_add"),
    path("<int:cooperation_id>/zespol/cele/<int:goal_id>/usun/", views.goal_remove, name="team_goal_remove"),
    path("<int:cooperation_id>/zespol/dzialania/nowe/", views.activity_add, name="team_activity_add"),
    path("<int:cooperation_id>/zespol/dzialania/<int:activity_id>/", views.activity_edit, name="team_activity_edit"),
    path(
        "<int:cooperation_id>/zespol/dzialania/<int:activity_id>/usun/",
        views.activity_remove,
        name="team_activity_remove",
    ),
]
