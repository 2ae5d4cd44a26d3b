from django.shortcuts import render

from kooperacja.accounts.access import AUTHENTICATED, allow, case_for_user
from kooperacja.cases.views import case_context


@allow(AUTHENTICATED)
def overview(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id)
    return render(request, "cases/messages/overview.html", case_context(case, "cases:messages"))
