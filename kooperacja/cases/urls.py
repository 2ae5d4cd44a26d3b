"""Cases under /sprawy/. URLs carry ids and references only — never a person's data (R-50)."""

from django.urls import include, path

app_name = "cases"

urlpatterns = [
    path("", include("kooperacja.cases.intake.urls")),  # list, referrals, case overview, people, consent
    path("", include("kooperacja.cases.diagnosis.urls")),  # diagnosis of the situation
    path("", include("kooperacja.cases.group.urls")),  # the case group and its meetings
    path("", include("kooperacja.cases.plan.urls")),  # the work plan (annex 6)
    path("", include("kooperacja.cases.reports.urls")),  # monthly reports and monitoring (annex 7)
    path("", include("kooperacja.cases.evaluation.urls")),  # evaluation and closure
    path("", include("kooperacja.cases.messages.urls")),  # secure messages
    path("", include("kooperacja.cases.tools.urls")),  # tools of the model
]
