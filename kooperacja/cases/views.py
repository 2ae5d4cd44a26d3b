"""The case's frame: the tab layout every page of a case shares. The pages themselves live in the packages of
the parts (intake/, diagnosis/, group/, plan/, reports/, evaluation/, messages/, tools/)."""

from django.utils.translation import gettext_lazy as _

from kooperacja.accounts.access import AnalysisAccess

CASE_TABS = [
    ("cases:detail", _("Overview")),
    ("cases:diagnosis", _("Diagnosis")),
    ("cases:group", _("Group and meetings")),
    ("cases:plan", _("Work plan")),
    ("cases:reports", _("Reports and monitoring")),
    ("cases:evaluation", _("Evaluation and closure")),
    ("cases:messages", _("Messages")),
    ("cases:tools", _("Tools")),
]


def case_context(case, section: str, **extra) -> dict:
    """What every page of a case needs: the case, the active tab, whether the user runs it (coordinator)."""
    return {
        "case": case,
        "section": section,
        "can_edit": case.access >= AnalysisAccess.EDIT and not case.is_closed,
        "is_closed": case.is_closed,
        "case_tabs": CASE_TABS,
        **extra,
    }
