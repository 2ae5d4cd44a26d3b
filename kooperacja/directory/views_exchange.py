"""Import (upload → preview → confirm) and export (CSV, HSDS 3.0) of the directory. Thin: the work is in exchange/."""

import secrets

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import AUTHENTICATED, DIRECTORY_KEEPER, allow, unit_for_user
from kooperacja.core.exports import csv_response, spreadsheet_export
from kooperacja.directory.exchange import csv_format, hsds, importer
from kooperacja.directory.exchange.records import Record
from kooperacja.directory.forms import ExportForm, ImportForm
from kooperacja.directory.selectors import institution_search
from kooperacja.territory.selectors import stored_code, unit_by_teryt

SESSION_KEY = "directory_import"


@allow(DIRECTORY_KEEPER)
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    file_error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            file_format, records = importer.read_upload(upload)
        except importer.ImportFileError as exc:
            file_error = exc.message()
        else:
            token = secrets.token_urlsafe(16)
            unit = form.cleaned_data["default_unit"]
            request.session[SESSION_KEY] = {
                "token": token,
                "format": file_format,
                "filename": upload.name[:200],
                "default_unit": unit.code if unit else "",
                "records": [r.to_dict() for r in records],
            }
            return redirect("directory:import_preview", token)
    return render(
        request,
        "directory/exchange/import.html",
        {"form": form, "file_error": file_error},
        status=400 if request.method == "POST" else 200,
    )


def _pending(request, token: str):
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(pending.get("token", ""), token):
        return None, None, None
    records = [Record.from_dict(r) for r in pending["records"]]
    default_unit = unit_by_teryt(pending["default_unit"]) if pending["default_unit"] else None
    return pending, records, default_unit


@allow(DIRECTORY_KEEPER)
def import_preview(request, token: str):
    pending, records, default_unit = _pending(request, token)
    if pending is None:
        messages.warning(request, _("This import has expired or was already done. Upload the file again."))
        return redirect("directory:import")
    plan = importer.plan(records, user=request.user, default_unit=default_unit)
    return render(
        request,
        "directory/exchange/preview.html",
        {
            "plan": plan,
            "token": token,
            "filename": pending["filename"],
            "format": pending["format"],
            "default_unit": default_unit,
        },
    )


@allow(DIRECTORY_KEEPER)
@require_POST
def import_confirm(request, token: str):
    pending, records, default_unit = _pending(request, token)
    if pending is None:
        messages.warning(request, _("This import has expired or was already done. Upload the file again."))
        return redirect("directory:import")
    try:
        result = importer.apply(records, actor=request.user, default_unit=default_unit)
    except importer.ImportRefused as refused:  # nothing was written; the pending import stays to be corrected
        context = {"refused": refused, "token": token, "filename": pending["filename"], "format": pending["format"]}
        status = 409 if refused.failed_row is not None else 400  # 409: the database refused a row while saving
        return render(request, "directory/exchange/refused.html", context, status=status)
    del request.session[SESSION_KEY]
    return render(request, "directory/exchange/result.html", {"result": result, "filename": pending["filename"]})


@allow(DIRECTORY_KEEPER)
@require_POST
def import_fix_row(request, token: str, line: int):
    """Correct one CSV row in the preview itself: the row is read again, nothing is saved yet."""
    pending, records, _unit = _pending(request, token)
    if pending is None:
        messages.warning(request, _("This import has expired or was already done. Upload the file again."))
        return redirect("directory:import")
    index = next((i for i, r in enumerate(records) if r.line == line), None)
    if pending["format"] != "csv" or index is None:
        raise Http404
    cells = {name: request.POST.get(name, "").strip() for name in records[index].values}
    record = csv_format.parse_row(line, cells, csv_format.make_lookups())
    pending["records"][index] = record.to_dict()
    request.session.modified = True
    messages.info(request, _("Row %(line)s was corrected. Check it below, then confirm.") % {"line": line})
    return redirect(reverse("directory:import_preview", args=[token]) + f"#row-{line}")


@allow(DIRECTORY_KEEPER)
@require_POST
def import_cancel(request, token: str):
    pending, _records, _unit = _pending(request, token)
    if pending is not None:
        del request.session[SESSION_KEY]
    messages.info(request, _("The import was cancelled; nothing was saved."))
    return redirect("directory:import")


@allow(AUTHENTICATED)
@spreadsheet_export
def import_template(request):
    return csv_response(csv_format.template_rows(), filename="instytucje-wzor.csv")


@allow(AUTHENTICATED)
def import_guide(request):
    return render(request, "directory/exchange/guide.html", {"columns": csv_format.COLUMNS, **csv_format.guide_lists()})


@allow(AUTHENTICATED)
def export_page(request):
    return render(request, "directory/exchange/export.html", {"form": ExportForm(request.GET or None)})


def _export_unit(request):
    code = request.GET.get("unit", "").strip()
    return unit_for_user(user=request.user, code=stored_code(code) or code) if code else None


def _filename(unit, extension: str) -> str:
    stamp = timezone.localdate().isoformat()
    return f"instytucje-{unit.code + '-' if unit else ''}{stamp}.{extension}"


@allow(AUTHENTICATED)
@spreadsheet_export
def export_csv(request):
    unit = _export_unit(request)
    return csv_response(csv_format.export_rows(institution_search(unit=unit)), filename=_filename(unit, "csv"))


@allow(AUTHENTICATED)
def export_hsds(request):
    unit = _export_unit(request)
    response = JsonResponse(
        hsds.export(institution_search(unit=unit)), safe=False, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(unit, "json")}"'
    return response
