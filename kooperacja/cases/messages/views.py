"""The case group's secure thread. Every view starts with ``case_for_user`` (404 for anyone else, the read
logged); attachments are served only here, never from MEDIA_ROOT directly."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kooperacja.accounts.access import AUTHENTICATED, allow, case_for_user
from kooperacja.cases.messages import selectors, services
from kooperacja.cases.messages.forms import MessageForm
from kooperacja.cases.models import MessageAttachment
from kooperacja.cases.views import case_context
from kooperacja.core.forms import add_service_errors
from kooperacja.documents.uploads import private_file_response


@allow(AUTHENTICATED)
def overview(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id)
    can_post = not case.is_closed and selectors.may_post(case, request.user)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and can_post and form.is_valid():
        attachment = form.cleaned_data.get("attachment")
        try:
            services.message_post(
                actor=request.user,
                case=case,
                body=form.cleaned_data["body"],
                attachments=[attachment] if attachment else [],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The message has been sent to the case group."))
            return redirect("cases:messages", case.pk)
    context = case_context(case, "cases:messages", thread=selectors.case_thread(case), form=form, can_post=can_post)
    status = 400 if request.method == "POST" and (form.errors or not can_post) else 200
    return render(request, "cases/messages/overview.html", context, status=status)


@allow(AUTHENTICATED)
def attachment(request, case_id: int, attachment_id: int):
    case = case_for_user(user=request.user, case_id=case_id)
    item = get_object_or_404(MessageAttachment, pk=attachment_id, message__case=case)
    return private_file_response(item.file, filename=f"zalacznik-{case.pk}-{item.pk}")
