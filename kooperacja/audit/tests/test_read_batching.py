"""Every read of personal data is logged, and a page's reads cost one INSERT: they are collected during the
request and written together before the response leaves — on error pages too. Outside a request (commands, the
worker) a read is written at once."""

import pytest
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from conftest import login
from kooperacja.audit.middleware import AuditContextMiddleware
from kooperacja.audit.models import AuditEvent
from kooperacja.audit.services import record_read

pytestmark = pytest.mark.django_db


def audit_inserts(captured) -> int:
    return sum(1 for q in captured.captured_queries if q["sql"].lstrip().upper().startswith('INSERT INTO "AUDIT_'))


def reads_of(user):
    return AuditEvent.objects.filter(action="read", actor=user)


def test_a_case_page_logs_its_read_with_one_insert(client, case, coordinator_ops):
    login(client, coordinator_ops)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/sprawy/{case.pk}/").status_code == 200
    assert audit_inserts(captured) == 1
    event = reads_of(coordinator_ops).get()
    assert (event.object_type, event.object_id, event.ip_address) == ("cases.case", str(case.pk), "127.0.0.1")


def test_several_reads_in_one_request_are_written_in_one_insert(coordinator_ops, teacher_school, admin_user):
    def view(request):
        for seen in (coordinator_ops, teacher_school, admin_user):
            record_read(actor=admin_user, obj=seen)
        assert not reads_of(admin_user).exists()  # not yet: written when the response is ready
        return HttpResponse("ok")

    with CaptureQueriesContext(connection) as captured:
        AuditContextMiddleware(view)(RequestFactory().get("/", REMOTE_ADDR="10.0.0.7"))
    assert audit_inserts(captured) == 1
    logged = reads_of(admin_user)
    assert sorted(int(e.object_id) for e in logged) == sorted([coordinator_ops.pk, teacher_school.pk, admin_user.pk])
    assert {e.ip_address for e in logged} == {"10.0.0.7"}


def test_reads_are_logged_when_the_page_fails(admin_user, coordinator_ops):
    def failing(request):
        record_read(actor=admin_user, obj=coordinator_ops)
        return HttpResponseServerError("error")

    def raising(request):
        record_read(actor=admin_user, obj=coordinator_ops)
        raise RuntimeError("boom")

    assert AuditContextMiddleware(failing)(RequestFactory().get("/")).status_code == 500
    with pytest.raises(RuntimeError):
        AuditContextMiddleware(raising)(RequestFactory().get("/"))
    assert reads_of(admin_user).count() == 2


def test_a_read_outside_a_request_is_written_at_once(admin_user, coordinator_ops):
    event = record_read(actor=admin_user, obj=coordinator_ops)
    assert event.pk is not None
    assert reads_of(admin_user).get().object_id == str(coordinator_ops.pk)


def test_a_read_after_the_response_is_ready_is_not_lost(admin_user, coordinator_ops):
    AuditContextMiddleware(lambda request: HttpResponse("ok"))(RequestFactory().get("/"))
    record_read(actor=admin_user, obj=coordinator_ops)  # e.g. while a streamed response is sent
    assert reads_of(admin_user).count() == 1
