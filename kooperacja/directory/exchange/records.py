"""The common shape of one imported institution, whatever the file format (CSV or HSDS 3.0 JSON).

A parser turns each row or organization into a ``Record``: plain values only (it is kept in the session between
the upload and the confirmation), the cells as the user wrote them (shown back in the preview) and the problems
found, as error codes with parameters. The codes are stable (tests and commands use them); ``message()`` gives
the sentence shown to people, translated by gettext.
"""

import re
import unicodedata
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kooperacja.core.exports import looks_like_formula
from kooperacja.directory import taxonomy
from kooperacja.directory.models import Institution
from kooperacja.directory.validators import compact, validate_krs, validate_nip, validate_regon

ERRORS = {
    "name_missing": _("The name is missing."),
    "too_long": _("“%(column)s” is too long: at most %(limit)s characters."),
    "kind_unknown": _("Unknown kind of institution “%(value)s”: use a code or a name from the column guide."),
    "level_unknown": _("Unknown level “%(value)s”: use gmina, powiat, wojewodztwo or krajowy."),
    "status_unknown": _("Unknown status “%(value)s”: use active or closed."),
    "unit_missing": _("The TERYT code of the unit served is missing."),
    "unit_bad_format": _("“%(value)s” is not a TERYT code (2, 4, 6 or 7 digits)."),
    "unit_unknown": _("No unit of the TERYT register has the code “%(value)s”."),
    "unit_undetermined": _(
        "Cannot determine the gmina served by this institution: give its TERYT code or choose a default unit."
    ),
    "unit_ambiguous": _(
        "The town “%(value)s” matches several gminas (%(extra)s): give the TERYT code of the unit served, or choose "
        "the gmina (or its county) as the unit for the import."
    ),
    "unit_forbidden": _("You may add and change only institutions of your own area, not of %(value)s."),
    "postal_code_invalid": _("“%(value)s” is not a postal code: write it as 00-000."),
    "email_invalid": _("“%(value)s” is not a valid e-mail address."),
    "website_invalid": _("“%(value)s” is not a valid website address."),
    "regon_invalid": _("“%(value)s” is not a valid REGON number (9 or 14 digits with a check digit)."),
    "nip_invalid": _("“%(value)s” is not a valid NIP number (10 digits with a check digit)."),
    "krs_invalid": _("“%(value)s” is not a valid KRS number (10 digits, e.g. 0000123456)."),
    "specialist_unknown": _("Unknown kind of specialist “%(value)s”."),
    "specialist_count_invalid": _("“%(value)s” is not a number of specialists."),
    "problem_unknown": _("Unknown social problem “%(value)s”: use a code or a name from the column guide."),
    "uid_invalid": _("“%(value)s” is not an identifier (uid) of this directory."),
    "duplicate_in_file": _("The same institution already appears in row %(value)s of the file."),
    "name_taken": _("Another institution with this name already serves this unit."),
    "hsds_invalid": _("The organization does not follow HSDS 3.0: %(value)s"),
    "save_failed": _("The row could not be saved: %(value)s"),
    "formula": _("“%(value)s” in “%(column)s” is a spreadsheet formula, not a value: formulas are not imported."),
}
WARNINGS = {
    "kind_defaulted": _("No kind given: the institution will be saved as “other”."),
    "kind_mapped_other": _("The kind “%(value)s” is not in our taxonomy: the institution will be saved as “other”."),
    "uid_not_found": _("No institution has this uid yet: a new one will be created with it."),
    "unit_from_address": _("The unit served was found from the address: %(value)s."),
    "unit_default": _("The unit served is the default unit chosen for the import: %(value)s."),
    "unit_ambiguity_resolved": _("The town matches several gminas; chosen: %(value)s."),
    "kind_inferred": _("Kind recognised: %(value)s."),
    "services_removed": _("Services no longer in the file will be removed: %(value)s."),
}

POSTAL_CODE = re.compile(r"^\d{2}-\d{3}$", re.ASCII)
MAX_LENGTHS = {f.name: f.max_length for f in Institution._meta.fields if getattr(f, "max_length", None)}


@dataclass
class Issue:
    code: str
    column: str = ""
    value: str = ""
    extra: str = ""

    def message(self) -> str:
        template = ERRORS.get(self.code) or WARNINGS.get(self.code) or self.code
        limit = MAX_LENGTHS.get(self.column, "")
        return str(template) % {"value": self.value, "column": self.column, "limit": limit, "extra": self.extra}


@dataclass
class Record:
    """One institution to create or update. ``None`` in a related list means "leave it as it is"."""

    line: int
    values: dict = field(default_factory=dict)  # what the user uploaded, shown back in the preview
    fields: dict = field(default_factory=dict)  # Institution fields given (name, kind, street, …)
    uid: str = ""
    unit_code: str = ""
    other_unit_codes: list | None = None
    phones: list | None = None  # [[number, description]]
    contacts: list | None = None  # [[name, function, phone, email]]
    specialists: dict | None = None  # {kind: count}
    services: list | None = None  # [{uid, name, description, …, problems: [codes] or None}]
    services_complete: bool = False  # the file lists all the services (HSDS): those not in it are removed
    kind_terms: list = field(default_factory=list)  # the file's own taxonomy terms, to recognise the kind
    confirmed: dict = field(default_factory=dict)  # {"confirmed_at": "YYYY-MM-DD", "confirmed_by_email": …}
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def error(self, code: str, column: str = "", value: str = "", extra: str = "") -> None:
        self.errors.append(Issue(code, column, str(value), extra))

    def warn(self, code: str, column: str = "", value: str = "") -> None:
        self.warnings.append(Issue(code, column, str(value)))

    @property
    def error_codes(self) -> list[str]:
        return [e.code for e in self.errors]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Record":
        data = dict(data)
        data["errors"] = [Issue(**e) for e in data.get("errors", [])]
        data["warnings"] = [Issue(**e) for e in data.get("warnings", [])]
        return cls(**data)


# --- Reading values the way people write them ---------------------------------------------------------------


def key(text) -> str:
    """Case-, space- and diacritics-insensitive form of a label, for matching what people type."""
    text = " ".join(str(text).split()).casefold().replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _labels(choices) -> dict[str, str]:
    """{key(label or code): code} with the labels in English and in Polish."""
    found = {}
    for code, label in choices:
        found[key(code)] = code
        found[key(str(label))] = code
        with translation.override("pl"):
            found[key(str(label))] = code
    return found


def kind_lookup() -> dict[str, str]:
    return _labels(taxonomy.KIND_CHOICES)


def specialist_lookup() -> dict[str, str]:
    return _labels(taxonomy.SPECIALISTS)


def problem_lookup() -> dict[str, str]:
    return _labels([(code, name) for code, name, _group in taxonomy.PROBLEMS])


LEVEL_WORDS = {
    "gmina": "gmina",
    "gminny": "gmina",
    "gminna": "gmina",
    "powiat": "powiat",
    "powiatowy": "powiat",
    "powiatowa": "powiat",
    "county": "powiat",
    "wojewodztwo": "wojewodztwo",
    "wojewodzki": "wojewodztwo",
    "wojewodzka": "wojewodztwo",
    "voivodeship": "wojewodztwo",
    "regionalny": "wojewodztwo",
    "krajowy": "krajowy",
    "krajowa": "krajowy",
    "national": "krajowy",
    "ogolnopolski": "krajowy",
}
STATUS_WORDS = {
    "active": "active",
    "aktywna": "active",
    "aktywny": "active",
    "czynna": "active",
    "czynny": "active",
    "dziala": "active",
    "closed": "closed",
    "zamknieta": "closed",
    "zamkniety": "closed",
    "nieczynna": "closed",
    "zlikwidowana": "closed",
}
UNIT_LEVEL_TO_LEVEL = {"gmina": "gmina", "powiat": "powiat", "wojewodztwo": "wojewodztwo"}


def check_text_fields(record: Record, columns: dict[str, str]) -> None:
    """Validate and normalise the plain institution fields in ``record.fields``; ``columns`` names the columns."""
    f = record.fields
    for name, limit in MAX_LENGTHS.items():
        if name in ("regon", "nip", "krs", "postal_code"):
            continue  # checked below, with a clearer message
        if isinstance(f.get(name), str) and len(f[name]) > limit:
            record.error("too_long", columns.get(name, name), f[name][:40])
    if "name" in f and not f["name"]:
        record.error("name_missing", columns.get("name", "name"))
    if f.get("postal_code"):
        value = f["postal_code"].replace(" ", "")
        if value.isascii() and value.isdigit() and len(value) == 5:
            value = f"{value[:2]}-{value[2:]}"
        if POSTAL_CODE.match(value):
            f["postal_code"] = value
        else:
            record.error("postal_code_invalid", columns.get("postal_code", "postal_code"), f["postal_code"])
    if f.get("email"):
        try:
            validate_email(f["email"])
        except ValidationError:
            record.error("email_invalid", columns.get("email", "email"), f["email"])
    if f.get("website"):
        url = f["website"] if "://" in f["website"] else f"https://{f['website']}"
        try:
            URLValidator()(url)
            f["website"] = url
        except ValidationError:
            record.error("website_invalid", columns.get("website", "website"), f["website"])
    for name, validator in (("regon", validate_regon), ("nip", validate_nip), ("krs", validate_krs)):
        if f.get(name):
            value = compact(f[name])
            if name == "krs" and value:
                value = value.zfill(10)
            try:
                validator(value)
                f[name] = value
            except ValidationError:
                record.error(f"{name}_invalid", columns.get(name, name), f[name])


def check_formulas(record: Record) -> None:
    """A cell a spreadsheet would run (``=…``, ``@…``, ``+cmd|…``) is refused, wherever it is in the record."""
    texts = [(name, value) for name, value in record.fields.items()]
    texts += [("phones", value) for phone in record.phones or [] for value in phone]
    texts += [("contacts", value) for contact in record.contacts or [] for value in contact]
    texts += [("services", value) for service in record.services or [] for value in service.values()]
    for column, value in texts:
        if isinstance(value, str) and looks_like_formula(value):
            record.error("formula", column, value[:40])


def read_kind(record: Record, value: str, column: str, *, lookup: dict) -> None:
    if not value:
        return
    code = lookup.get(key(value))
    if code is None:
        record.error("kind_unknown", column, value)
    else:
        record.fields["kind"] = code


def read_level(record: Record, value: str, column: str) -> None:
    if value:
        level = LEVEL_WORDS.get(key(value))
        if level is None:
            record.error("level_unknown", column, value)
        else:
            record.fields["level"] = level


def read_status(record: Record, value: str, column: str) -> None:
    if value:
        status = STATUS_WORDS.get(key(value))
        if status is None:
            record.error("status_unknown", column, value)
        else:
            record.fields["status"] = status
