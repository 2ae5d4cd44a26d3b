import pytest

from kooperacja.diagnosis.models import Analysis


@pytest.fixture
def analysis(territory, institutions):
    """The demo gmina's current analysis, owned by its OPS."""
    return Analysis.objects.create(unit=territory["gmina"], year=2026, is_current=True, owner=institutions["ops"])
