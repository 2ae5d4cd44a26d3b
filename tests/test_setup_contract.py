"""The README's promise to a new user: its opening says what exists, and `make run` / `make test` print what
they do — not a hundred lines of pip's own notices about index locations or build back-ends."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_opening_describes_what_exists_not_later_stages():
    opening = (ROOT / "README.md").read_text(encoding="utf-8").split("## Wymagania")[0]
    assert "kolejnych etapach" not in opening and "powstaną" not in opening
    for part in ("analiza gminy", "zawiązywanie kooperacji", "praca z rodziną", "widok\nregionalny ROPS"):
        assert part in opening.replace("**", ""), part


def test_pip_output_goes_to_a_log_shown_only_on_failure():
    """`make -n -B` prints the install recipe without running it: every pip call writes to the log."""
    recipe = subprocess.run(
        ["make", "-n", "-B", ".venv/.installed"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    pip_calls = [line for line in recipe.splitlines() if re.search(r"-m pip install", line)]
    assert len(pip_calls) == 2
    for line in pip_calls:
        assert re.search(r">>? \.venv/pip\.log 2>&1 \|\| \{ cat \.venv/pip\.log; exit 1; \}", line), line
