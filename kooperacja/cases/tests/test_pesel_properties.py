"""Property-based tests of the PESEL validator: every real PESEL passes, any one mistyped digit and any other
text is refused with the Polish message, and the validator never fails with anything else."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from kooperacja.cases.intake.services import validate_pesel

WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
CENTURY_OFFSET = {1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60}


def pesel_of(birth: datetime.date, serial: int) -> str:
    """Written from the definition (birth date with the century in the month, serial, check digit)."""
    month = birth.month + CENTURY_OFFSET[birth.year // 100 * 100]
    digits = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial:04d}"
    check = (10 - sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 10) % 10
    return digits + str(check)


BIRTHS = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31))


@given(BIRTHS, st.integers(min_value=0, max_value=9999))
def test_every_real_pesel_is_accepted(birth, serial):
    validate_pesel(pesel_of(birth, serial))


DIGIT_CHANGES = st.tuples(st.integers(min_value=0, max_value=10), st.integers(min_value=1, max_value=9))


@given(BIRTHS, st.integers(min_value=0, max_value=9999), DIGIT_CHANGES)
def test_one_mistyped_digit_is_refused(birth, serial, digit_change):
    position, change = digit_change
    pesel = pesel_of(birth, serial)
    wrong = pesel[:position] + str((int(pesel[position]) + change) % 10) + pesel[position + 1 :]
    with pytest.raises(ValidationError) as error:
        validate_pesel(wrong)
    assert error.value.code == "pesel"


@given(st.text(max_size=20).filter(lambda t: not (len(t) == 11 and t.isascii() and t.isdigit())))
def test_anything_but_eleven_digits_is_refused_in_polish(text):
    with pytest.raises(ValidationError) as error:
        validate_pesel(text)
    assert error.value.code == "pesel"
