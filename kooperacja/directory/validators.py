"""Polish institution identifiers, checked with python-stdnum (never a hand-written checksum)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip, regon


def validate_regon(value: str) -> None:
    try:
        regon.validate(value)
    except StdnumError:
        raise ValidationError(_("This is not a valid REGON number (9 or 14 digits with a check digit).")) from None


def validate_nip(value: str) -> None:
    try:
        nip.validate(value)
    except StdnumError:
        raise ValidationError(_("This is not a valid NIP number (10 digits with a check digit).")) from None


def validate_krs(value: str) -> None:
    """KRS numbers have no check digit: ten digits, leading zeros included."""
    if not (len(value) == 10 and value.isascii() and value.isdigit()):
        raise ValidationError(_("A KRS number has exactly 10 digits, e.g. 0000123456."))


def compact(value: str) -> str:
    """Identifiers as stored: digits only ("123-456-32-18" → "1234563218")."""
    return "".join(ch for ch in value if ch in "0123456789")  # not isdigit(): "²" and "٣" are digits to it
