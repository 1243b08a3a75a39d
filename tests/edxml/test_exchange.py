"""The exchange queue against the fake axis: delivery, status packages, retries with backoff, refusals, inbox."""

import threading
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from chinhquyenso.core.errors import Conflict, ValidationFailed
from chinhquyenso.core.models import AuditEvent
from chinhquyenso.edxml.axis import AxisClient, AxisError
from chinhquyenso.edxml.fake_axis import FakeAxis
from chinhquyenso.edxml.models import Direction, ExchangeItem, ItemStatus, PackageKind
from chinhquyenso.edxml.package import read_package, write_package
from chinhquyenso.edxml.services import inbox_fetch, outbox_send_due, package_enqueue, retry_delay

from .test_package import sample_document

THO_XUAN, PROVINCE, LAM_SON = "000.01.27.H56", "000.00.00.H56", "000.02.27.H56"
ORGANS = {
    THO_XUAN: "Ủy ban nhân dân xã Thọ Xuân",
    PROVINCE: "Ủy ban nhân dân tỉnh Thanh Hóa",
    LAM_SON: "UBND xã Lam Sơn",
}
SYSTEMS = {"cqs-thoxuan": ("s3cret", THO_XUAN), "cqs-tinh": ("t1nh", PROVINCE)}


@pytest.fixture
def axis():
    with FakeAxis(systems=SYSTEMS, organs=ORGANS) as running:
        yield running


@pytest.fixture
def client(axis):
    return AxisClient(axis.url, "cqs-thoxuan", "s3cret", timeout=5)


@pytest.fixture(autouse=True)
def _exchange_settings(settings):
    settings.EDXML_RETRY_SECONDS = 60
    settings.EDXML_MAX_ATTEMPTS = 4
    settings.EDXML_OWN_ORGAN_ID = THO_XUAN


def later(minutes: float) -> datetime:
    return datetime.now(UTC) + timedelta(minutes=minutes)


@pytest.mark.django_db
def test_a_document_reaches_each_recipient_and_their_arrival_status_comes_back(axis, client):
    items = package_enqueue(actor=None, package=write_package(sample_document()))
    assert [item.to_organ_id for item in items] == [PROVINCE, LAM_SON]

    result = outbox_send_due(client=client)
    assert (result.sent, result.retrying, result.failed, result.statuses_received) == (2, 0, 0, 2)
    assert {m.to_organ_id for m in axis.state.messages} == {PROVINCE, LAM_SON}
    for item in ExchangeItem.objects.filter(direction=Direction.OUT):
        assert item.status == ItemStatus.SENT and item.attempts == 1 and item.axis_message_id

    arrived = ExchangeItem.objects.filter(direction=Direction.IN, kind=PackageKind.STATUS)
    assert sorted(s.from_organ_id for s in arrived) == [PROVINCE, LAM_SON]
    assert {s.status_code for s in arrived} == {"01"}
    assert {s.document_id for s in arrived} == {"000.01.27.H56,2026/03/05,05/QĐ-UBND"}
    assert AuditEvent.objects.filter(action="edxml.send").count() == 2

    assert outbox_send_due(client=client).sent == 0  # nothing is delivered twice


@pytest.mark.django_db
def test_an_unavailable_axis_is_retried_with_doubling_delays_until_it_answers(axis, client):
    package_enqueue(actor=None, package=write_package(sample_document(to_organ_ids=(PROVINCE,))))
    axis.fail_next(2, status=503)

    first = outbox_send_due(client=client)
    assert (first.sent, first.retrying) == (0, 1)
    item = ExchangeItem.objects.get(direction=Direction.OUT)
    assert item.attempts == 1 and "503" in item.last_error
    assert retry_delay(1) == timedelta(seconds=60) and retry_delay(2) == timedelta(seconds=120)

    assert outbox_send_due(client=client).retrying == 0  # not due yet: the axis is not asked
    assert len(axis.state.requests) == 1

    assert outbox_send_due(client=client, now=later(1.5)).retrying == 1  # second failure, now 2 minutes away
    item.refresh_from_db()
    assert item.attempts == 2
    assert outbox_send_due(client=client, now=later(2)).sent == 0
    assert outbox_send_due(client=client, now=later(4)).sent == 1
    item.refresh_from_db()
    assert item.status == ItemStatus.SENT and item.attempts == 3 and item.last_error == ""


@pytest.mark.django_db
def test_after_the_last_attempt_the_item_fails_and_keeps_its_error(axis, client, settings):
    settings.EDXML_MAX_ATTEMPTS = 2
    package_enqueue(actor=None, package=write_package(sample_document(to_organ_ids=(PROVINCE,))))
    axis.fail_next(5, status=502)
    outbox_send_due(client=client)
    result = outbox_send_due(client=client, now=later(10))
    assert result.failed == 1
    item = ExchangeItem.objects.get(direction=Direction.OUT)
    assert item.status == ItemStatus.FAILED and item.next_attempt_at is None and "502" in item.last_error


@pytest.mark.django_db
def test_refusals_by_the_axis_are_not_retried(axis, client):
    # Lam Sơn's identifier is valid but the province axis does not know a commune "000.09.27.H56".
    package_enqueue(actor=None, package=write_package(sample_document(to_organ_ids=("000.09.27.H56",))))
    result = outbox_send_due(client=client)
    assert result.failed == 1
    assert "not connected" in ExchangeItem.objects.get(to_organ_id="000.09.27.H56").last_error

    wrong_secret = AxisClient(axis.url, "cqs-thoxuan", "guess", timeout=5)
    package_enqueue(actor=None, package=write_package(sample_document(to_organ_ids=(PROVINCE,))))
    assert outbox_send_due(client=wrong_secret).failed == 1
    assert "401" in ExchangeItem.objects.get(to_organ_id=PROVINCE).last_error


def test_the_fake_axis_enforces_the_contract(axis, client):
    package = write_package(sample_document(to_organ_ids=(PROVINCE,)))
    with pytest.raises(AxisError) as error:
        client.send(package, to_organ_id=LAM_SON)  # not among the package's recipients
    assert error.value.code == "not_addressed" and not error.value.retry
    with pytest.raises(AxisError) as error:
        client.send(package.replace(b"edXML:Subject>", b"Subject>"), to_organ_id=PROVINCE)
    assert error.value.code == "invalid_package"
    with pytest.raises(AxisError) as error:
        client.send(write_package(sample_document(to_organ_ids=("UBND-TINH",))), to_organ_id="UBND-TINH")
    assert error.value.code == "invalid_organ_id"
    province = AxisClient(axis.url, "cqs-tinh", "t1nh", timeout=5)
    with pytest.raises(AxisError) as error:
        province.send(package, to_organ_id=PROVINCE)  # the province system cannot send as Thọ Xuân
    assert error.value.code == "from_mismatch"

    delivered = client.send(package, to_organ_id=PROVINCE)
    [status] = [read_package(s) for s in delivered.statuses]
    assert status.status_code == "01" and status.from_organ_id == PROVINCE
    with pytest.raises(AxisError) as error:
        client.send(package, to_organ_id=PROVINCE)
    assert error.value.code == "duplicate"


@pytest.mark.django_db
def test_enqueue_refuses_bad_packages_and_duplicates_whole(client):
    with pytest.raises(ValidationFailed):
        package_enqueue(actor=None, package=b"<not-edxml/>")
    with pytest.raises(ValidationFailed) as error:
        package_enqueue(actor=None, package=write_package(sample_document(to_organ_ids=(PROVINCE, "SỞ-TƯ-PHÁP"))))
    assert "organ SỞ-TƯ-PHÁP" in error.value.fields
    assert not ExchangeItem.objects.exists()  # nothing half-written

    package = write_package(sample_document())
    package_enqueue(actor=None, package=package)
    with pytest.raises(Conflict):
        package_enqueue(actor=None, package=package)
    assert ExchangeItem.objects.count() == 2


@pytest.mark.django_db
def test_incoming_packages_are_stored_once_and_acknowledged_done(axis, client):
    from_province = write_package(
        sample_document(
            from_organ_id=PROVINCE,
            from_organ_name=ORGANS[PROVINCE],
            to_organ_ids=(THO_XUAN,),
            code_notation="UBND-VP",
            document_id="000.00.00.H56,2026/03/06,07/UBND-VP",
        )
    )
    message_id = axis.deliver(THO_XUAN, from_province)
    axis.deliver(THO_XUAN, b"<garbage/>")

    stored = inbox_fetch(client=client)
    assert len(stored) == 2
    good = ExchangeItem.objects.get(axis_message_id=message_id)
    assert good.status == ItemStatus.ACKNOWLEDGED and good.kind == PackageKind.DOCUMENT
    assert good.document_id == "000.00.00.H56,2026/03/06,07/UBND-VP" and good.from_organ_id == PROVINCE
    bad = ExchangeItem.objects.exclude(axis_message_id=message_id).get(direction=Direction.IN)
    assert bad.status == ItemStatus.FAILED and bad.last_error
    assert all(m.done for m in axis.mailbox(THO_XUAN))
    assert inbox_fetch(client=client) == []


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_deliver_each_item_exactly_once(axis):
    for number in range(6):
        package_enqueue(
            actor=None,
            package=write_package(
                sample_document(code_number=f"{number + 10}", document_id=f"doc-{number}", to_organ_ids=(PROVINCE,))
            ),
        )
    results, errors = [], []

    def sender():
        try:
            results.append(outbox_send_due(client=AxisClient(axis.url, "cqs-thoxuan", "s3cret", timeout=5)))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert sum(r.sent for r in results) == 6
    assert len(axis.mailbox(PROVINCE)) == 6


@pytest.mark.django_db
def test_edxml_send_and_receive_commands_use_the_configured_axis(axis, settings, tmp_path):
    package_file = tmp_path / "out.xml"
    package_file.write_bytes(write_package(sample_document(to_organ_ids=(PROVINCE,))))
    call_command("edxml", "enqueue", str(package_file), stdout=StringIO())

    settings.EDXML_AXIS_URL, settings.EDXML_AXIS_SYSTEM_ID, settings.EDXML_AXIS_SECRET = (
        axis.url,
        "cqs-thoxuan",
        "s3cret",
    )
    out = StringIO()
    call_command("edxml", "send", stdout=out)
    assert out.getvalue().strip().splitlines()[0] == "sent 1, retrying 0, failed 0, status packages received 1"

    axis.deliver(THO_XUAN, write_package(sample_document(from_organ_id=PROVINCE, to_organ_ids=(THO_XUAN,))))
    out = StringIO()
    call_command("edxml", "receive", stdout=out)
    assert out.getvalue().strip().splitlines()[0] == "received 1"
