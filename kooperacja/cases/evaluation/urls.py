from django.urls import path

from kooperacja.cases.evaluation import views

urlpatterns = [
    path("<int:case_id>/ocena/", views.overview, name="evaluation"),
    path("<int:case_id>/ocena/nowa/", views.evaluation_create, name="evaluation_create"),
    path(
        "<int:case_id>/ocena/<int:evaluation_id>/zmien-cele/",
        views.evaluation_modify_goals,
        name="evaluation_modify_goals",
    ),
    path("<int:case_id>/ocena/zakonczenie/", views.closure_propose, name="closure_propose"),
    path("<int:case_id>/ocena/zakonczenie/<int:proposal_id>/zgoda/", views.closure_agree, name="closure_agree"),
    path("<int:case_id>/ocena/zakonczenie/<int:proposal_id>/wycofaj/", views.closure_withdraw, name="closure_withdraw"),
    path("<int:case_id>/ocena/zakonczenie/<int:proposal_id>/zamknij/", views.closure_confirm, name="closure_confirm"),
]
