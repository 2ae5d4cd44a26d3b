from django.urls import path

from kooperacja.cases.diagnosis import views

urlpatterns = [
    path("<int:case_id>/diagnoza/", views.overview, name="diagnosis"),
    path("<int:case_id>/diagnoza/wywiad/", views.interview, name="diagnosis_interview"),
    path("<int:case_id>/diagnoza/<slug:area>/", views.area_edit, name="diagnosis_area"),
]
