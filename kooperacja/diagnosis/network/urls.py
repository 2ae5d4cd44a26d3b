from django.urls import path

from kooperacja.diagnosis.network import views

urlpatterns = [
    path("<int:analysis_id>/siec/", views.overview, name="network"),
    path("<int:analysis_id>/siec/nowa-runda/", views.round_create, name="network_round_create"),
    path("<int:analysis_id>/siec/runda/<int:round_id>/", views.round_results, name="network_round"),
    path("<int:analysis_id>/siec/runda/<int:round_id>/zamknij/", views.round_close, name="network_round_close"),
    path("<int:analysis_id>/siec/runda/<int:round_id>/otworz/", views.round_reopen, name="network_round_reopen"),
    path("ankiety/", views.surveys_to_answer, name="surveys"),
    path("ankiety/<int:round_id>/", views.survey_answer, name="survey_answer"),
]
