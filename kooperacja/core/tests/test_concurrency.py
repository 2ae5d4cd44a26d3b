"""The edit-version helper: a stale save is refused with who and when, the number moves on, the form keeps the
user's input and shows the saved text beside it."""

import pytest
from django import forms

from kooperacja.core.concurrency import StaleVersionError, VersionedFormMixin, claim_version
from kooperacja.core.forms import add_service_errors
from kooperacja.directory.models import Institution


class NotesForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Institution
        fields = ["name", "notes"]


@pytest.mark.django_db
def test_claim_moves_the_number_on_and_records_who(institutions, coordinator_ops):
    institution = institutions["school"]
    assert institution.edit_version == 1
    claim_version(institution, edit_version=1, actor=coordinator_ops)
    institution.refresh_from_db()
    assert institution.edit_version == 2
    assert institution.edited_by == coordinator_ops and institution.edited_at is not None


@pytest.mark.django_db
def test_a_stale_number_is_refused_and_names_who_saved(institutions, coordinator_ops, teacher_school):
    institution = institutions["school"]
    claim_version(institution, edit_version=1, actor=teacher_school)
    stale = Institution.objects.get(pk=institution.pk)
    with pytest.raises(StaleVersionError) as caught:
        claim_version(stale, edit_version=1, actor=coordinator_ops)
    assert "Piotr Pedagog" in caught.value.messages[0]
    assert "Ktoś zapisał te dane" in caught.value.messages[0]
    assert Institution.objects.get(pk=institution.pk).edit_version == 2  # the refused claim changed nothing


@pytest.mark.django_db
def test_no_number_skips_the_check_but_still_moves_on(institutions):
    institution = institutions["school"]
    claim_version(institution, edit_version=None)
    assert Institution.objects.get(pk=institution.pk).edit_version == 2


@pytest.mark.django_db
def test_the_form_carries_the_number_and_a_create_form_does_not_send_it(institutions):
    institution = institutions["school"]
    assert NotesForm(instance=institution)["edit_version"].value() == 1
    new = NotesForm({"name": "Nowa", "notes": ""})
    assert new.is_valid() and "edit_version" not in new.cleaned_data


@pytest.mark.django_db
def test_a_conflict_keeps_the_input_shows_the_saved_text_and_takes_the_new_number(institutions, teacher_school):
    institution = institutions["school"]
    form = NotesForm({"name": institution.name, "notes": "Moja wersja", "edit_version": "1"}, instance=institution)
    assert form.is_valid()
    Institution.objects.filter(pk=institution.pk).update(notes="Wersja kolegi")
    claim_version(institution, edit_version=1, actor=teacher_school)
    with pytest.raises(StaleVersionError) as caught:
        claim_version(Institution.objects.get(pk=institution.pk), edit_version=1)
    add_service_errors(form, caught.value)
    assert form["notes"].value() == "Moja wersja"
    assert form.conflict["differences"] == [
        {"label": form.fields["notes"].label, "saved": "Wersja kolegi", "theirs": "Moja wersja"}
    ]
    assert form["edit_version"].value() == "2"  # saving again, after comparing, goes through
    html = form.render()
    assert "Wersja kolegi" in html and "Moja wersja" in html and "Ktoś zapisał te dane" in html
