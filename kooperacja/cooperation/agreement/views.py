from django.shortcuts import render

from kooperacja.accounts.access import AUTHENTICATED, allow, cooperation_for_user
from kooperacja.cooperation.views import section_context


@allow(AUTHENTICATED)
def overview(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id)
    return render(request, "cooperation/agreement/overview.html", section_context(cooperation, "agreement"))
