"""The frame of the regional pages: the voivodeship of the ROPS user, the tabs."""

from django.utils.translation import gettext_lazy as _

REGIONAL_TABS = [
    ("regional:dashboard", _("Cooperations in the region")),
    ("regional:tools", _("Tool base")),
    ("regional:support", _("Support")),
    ("regional:recommendations", _("Recommendations")),
    ("regional:evaluations", _("Evaluations")),
    ("regional:costs", _("Costs and workload")),
]


def regional_context(voivodeship, section: str, **extra) -> dict:
    return {"voivodeship": voivodeship, "section": section, "regional_tabs": REGIONAL_TABS, **extra}
