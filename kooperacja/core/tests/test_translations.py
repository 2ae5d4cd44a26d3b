"""The Polish catalogue is complete: every marked string of the code has a Polish translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale" / "pl" / "LC_MESSAGES"


def _problems(po: polib.POFile) -> list[str]:
    entries = [e for e in po if not e.obsolete]
    return [f"untranslated: {e.msgid!r}" for e in entries if not e.translated() and "fuzzy" not in e.flags] + [
        f"fuzzy: {e.msgid!r}" for e in entries if "fuzzy" in e.flags
    ]


def test_committed_catalogue_has_no_untranslated_or_fuzzy_entry():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert len(po) > 200
    assert _problems(po) == []


def test_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(LOCALE / "django.po"))
    mo = polib.mofile(str(LOCALE / "django.mo"))
    expected = {(e.msgid, e.msgstr or e.msgstr_plural.get(0, "")) for e in po if e.translated()}
    compiled = {(e.msgid, e.msgstr or e.msgstr_plural.get(0, "")) for e in mo}
    assert expected <= compiled, "run `make messages` to compile django.mo"


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """Run makemessages on a copy of the sources; the regenerated catalogue must still be complete."""
    assert shutil.which("xgettext"), "gettext is missing: `make test` installs it (scripts/system-deps.sh)"
    base = Path(settings.BASE_DIR)
    for name in ("kooperacja", "config", "locale"):
        shutil.copytree(base / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    shutil.copy(base / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "pl", "--no-obsolete", "--no-location"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": str(tmp_path)},
    )
    po = polib.pofile(str(tmp_path / "locale" / "pl" / "LC_MESSAGES" / "django.po"))
    assert _problems(po) == [], "run `make messages` and translate the new strings"
