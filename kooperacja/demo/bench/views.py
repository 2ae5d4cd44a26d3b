"""The floor of the benchmark: what any page costs before it does anything of its own.

Mounted only by ``config/urls_bench.py`` (the bench settings), never in the site's URLconf.
"""

from django.contrib.auth import get_user_model
from django.http import HttpResponse

from kooperacja.accounts.access import AUTHENTICATED, allow


@allow(AUTHENTICATED)
def floor(request):
    """An authenticated view behind the whole middleware stack that runs one query on an index (the user's own
    row by primary key) and answers a few bytes: sessions, the second factor, audit context and headers included,
    no template."""
    last_login = get_user_model().objects.filter(pk=request.user.pk).values_list("last_login", flat=True).first()
    return HttpResponse(f"ok {last_login:%Y}" if last_login else "ok", content_type="text/plain")
