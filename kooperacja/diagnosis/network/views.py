from django.shortcuts import render

from kooperacja.accounts.access import AUTHENTICATED, allow, analysis_for_user
from kooperacja.diagnosis.views import section_context


@allow(AUTHENTICATED)
def overview(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    return render(request, "diagnosis/network/overview.html", section_context(analysis, "network"))
