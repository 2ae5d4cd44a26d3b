"""The regional JSON API (R-40): the figures of the ROPS dashboard for other systems of the voivodeship.

``GET /api/v1/regional/summary?voivodeship=<TERYT>``

* **How a client signs in**: there are no API keys or tokens. The API answers within the same session as the
  pages: a person logs in with the password and the code from the authenticator app, and the session cookie
  (``sessionid``) goes with each request; it ends after ``SESSION_IDLE_MINUTES`` without a request. A script
  does the same two steps (the login form with its CSRF token, then the code, which the person types in when
  the script starts) and keeps the cookie — see "API" in the README for an example with ``curl``.
* **Who**: a member of the ROPS of that voivodeship (regional animator, director or evaluator), or an
  administrator. Without ``voivodeship`` the caller's own voivodeship is answered.
* **Refusals** are JSON with a Polish sentence, ``{"detail": "…"}``, never the HTML login page: 401 without a
  session (or before the code was entered; with ``WWW-Authenticate: Session realm="Kooperacja"``), 403 for a
  signed-in user who is not ROPS staff, 404 for ROPS staff asking for another voivodeship (or a code that does
  not exist), 405 for any method but GET and HEAD.
* **What**: the same suppressed figures as the dashboard and its exports — no case, no person, no reference.
  Every count of cases, people, meetings or reports from 1 to 4 is the string ``"<5"``; shares (0–1) and
  medians (days) computed over 1–4 cases are ``"<5"`` too. ``"<5"`` never is a value: it means "hidden, fewer
  than five cases" (the dashboard shows "—*", the exports "ukryte (<5 przypadków)"). ``null`` means "nothing
  to compute".
* **Shape**::

    {
      "voivodeship": {"code": "04", "name": "kujawsko-pomorskie"},
      "generated_on": "2026-05-04",
      "totals": {"cooperations": 3, "gminas_by_stage": {"none": 140, "II": 1, "III": 2, "IV": 0, "ended": 1},
                 "cases_open": "<5", "cases_closed": 0, "overdue_reports": 0, "meetings_held": 7,
                 "goals_reached_share": null, "median_days_intake_to_plan": "<5",
                 "median_days_plan_to_closure": null},
      "counties": [{"code": "0405", "name": "golubsko-dobrzyński", "gminas": 6, "cooperations": 1, ...the same
                    summed figures...}],
      "cooperations": [{"id": 1, "name": "…", "gmina": "Kowalewo Pomorskie", "gmina_code": "040504",
                        "powiat": "golubsko-dobrzyński", "powiat_code": "0405", "other_gminas": [],
                        "variant": "urban_rural", "variant_label": "…", "cycle": "first", "start_date": "2026-03-01",
                        "status": "active", "stage": "III", "stage_label": "…", "current_step": "6. …",
                        "late_steps": 0, "days_late": 0, "team_size": 8, "meetings_held": "<5",
                        "attendance_share": 0.85, "cases_open": "<5", "cases_closed": 0,
                        "cases_closed_by_reason": {"goals_reached": 0, "no_cooperation": 0, "resignation": 0,
                                                   "other": 0, "unknown": 0},
                        "goals_reached_share": null, "median_days_intake_to_plan": "<5",
                        "median_days_plan_to_closure": null, "overdue_reports": 0,
                        "network_density": 0.42, "network_density_change": 0.05}]
    }

``stage`` is one of ``II``, ``III``, ``IV``, ``ended`` (``none`` only in ``gminas_by_stage``). Counts of gminas,
cooperations and steps are exact: they are facts of the territory and the timeline, not of families.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from kooperacja.accounts.access import REGIONAL_STAFF, allow_api, api_error, regional_voivodeship_for
from kooperacja.core.replica import reading_from_replica
from kooperacja.regional.dashboard.aggregates import regional_summary


# Read-only: every method that could change something is refused below, so a POST gets the API's 401/405 in
# JSON instead of the HTML page of a failed CSRF check.
@csrf_exempt
@allow_api(REGIONAL_STAFF)
@reading_from_replica
def summary(request):
    if request.method not in ("GET", "HEAD"):
        response = api_error(405, _("Only GET is allowed here."))
        response["Allow"] = "GET, HEAD"
        return response
    voivodeship = regional_voivodeship_for(request.user, request.GET.get("voivodeship") or None)
    response = JsonResponse(regional_summary(voivodeship), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response
