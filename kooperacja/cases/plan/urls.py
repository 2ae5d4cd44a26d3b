from django.urls import path

from kooperacja.cases.plan import views

urlpatterns = [
    path("<int:case_id>/plan/", views.overview, name="plan"),
    path("<int:case_id>/plan/nowy/", views.plan_create, name="plan_create"),
    path("<int:case_id>/plan/zmien/", views.plan_edit, name="plan_edit"),
    path("<int:case_id>/plan/nowa-wersja/", views.plan_revise, name="plan_revise"),
    path("<int:case_id>/plan/wersje/<int:version>/", views.version, name="plan_version"),
    path("<int:case_id>/plan/wersje/<int:version>/pdf/<str:party>/", views.plan_pdf, name="plan_pdf"),
    path("<int:case_id>/plan/cele/dodaj/", views.goal_add, name="plan_goal_add"),
    path("<int:case_id>/plan/cele/<int:goal_id>/", views.goal_edit, name="plan_goal_edit"),
    path("<int:case_id>/plan/cele/<int:goal_id>/usun/", views.goal_remove, name="plan_goal_remove"),
    path("<int:case_id>/plan/zadania/dodaj/", views.task_add, name="plan_task_add"),
    path("<int:case_id>/plan/zadania/<int:task_id>/status/", views.task_status, name="plan_task_status"),
    path("<int:case_id>/plan/zadania/<int:task_id>/usun/", views.task_remove, name="plan_task_remove"),
    path("<int:case_id>/plan/potwierdz/", views.acknowledge, name="plan_acknowledge"),
    path("<int:case_id>/plan/potwierdz-rodzina/", views.acknowledge_family, name="plan_acknowledge_family"),
    path("<int:case_id>/plan/kontrakt/dodaj/", views.contract_add, name="plan_contract_add"),
    path("<int:case_id>/plan/kontrakt/<int:contract_id>/", views.contract_status, name="plan_contract_status"),
    path("<int:case_id>/plan/kontrakt/<int:contract_id>/usun/", views.contract_remove, name="plan_contract_remove"),
]
