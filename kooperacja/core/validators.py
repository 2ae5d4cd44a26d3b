"""Shared checks of values entered by people.

A date of something that has happened — an agreement signed, a consent given, an evaluation held — cannot be later
than today. "Today" is the local date of the deployment (``TIME_ZONE``, Europe/Warsaw): just after midnight in
Poland it is already the new day, although it is still yesterday in UTC. Each field says in its own words why the
date is refused and what to enter instead.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class NotInFuture:
    """A field validator: the date (or the local date of a datetime) is today or earlier."""

    code = "future_date"

    def __init__(self, message: str) -> None:
        self.message = message

    def __call__(self, value) -> None:
        check_not_in_future(value, message=self.message)

    def __eq__(self, other) -> bool:
        return isinstance(other, NotInFuture) and str(self.message) == str(other.message)


def check_not_in_future(value, *, message: str, field: str | None = None) -> None:
    """Raise the ``message`` when ``value`` lies after today; for services that take such a date from a form,
    a command or an import (``field`` names where the message belongs on a form)."""
    if value is None:
        return
    day = timezone.localtime(value).date() if isinstance(value, datetime.datetime) else value
    if day > timezone.localdate():
        error = ValidationError(message, code=NotInFuture.code)
        raise ValidationError({field: error}) if field else error


def forbid_future(field: forms.Field, message: str) -> None:
    """Make a form's date field refuse a date after today with ``message``."""
    field.validators.append(NotInFuture(message))
