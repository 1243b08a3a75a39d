"""The production SMS and Zalo clients speak HTTP to a loopback server that answers through the fakes: the
same contract end to end (headers, JSON, status codes), and a provider that cannot be reached is retried."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from chinhquyenso.core.notifications.adapters import DeliveryError
from chinhquyenso.core.notifications.adapters.fakes import FakeSmsGateway, FakeZaloOA
from chinhquyenso.core.notifications.adapters.sms import HttpSmsGateway, SmsAdapter
from chinhquyenso.core.notifications.adapters.zalo import HttpZaloOA, ZaloAdapter


class _Provider(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server's name
        raw = self.rfile.read(int(self.headers["Content-Length"]))
        payload = json.loads(raw.decode("utf-8"))
        headers = {name.lower(): value for name, value in self.headers.items()}
        type(self).requests.append({"path": self.path, "headers": headers, "payload": payload})
        if self.path == "/sms":
            key = self.headers.get("Authorization", "").removeprefix("Bearer ")
            status, answer = FakeSmsGateway(api_key=key).submit(payload)
        else:
            oa = FakeZaloOA(access_token=self.headers.get("access_token", ""), templates={"zns-1": ("code",)})
            status, answer = oa.submit(payload)
        body = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def provider():
    _Provider.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeSmsGateway.reset()
    FakeZaloOA.reset()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _Row:
    def __init__(self, *, body="", template="otp_code", context=None, pk=41):
        self.pk, self.recipient, self.body, self.template = pk, "+84912345678", body, template
        self.context = context or {}


def test_the_sms_client_posts_the_contract_and_reads_the_message_id(provider, settings):
    settings.SMS_SENDER = "UBNDTHOXUAN"
    gateway = HttpSmsGateway(url=f"{provider}/sms", api_key=FakeSmsGateway.API_KEY, timeout=5)
    message_id = SmsAdapter(gateway).send(_Row(body="Hồ sơ đã có kết quả."))
    [sms] = FakeSmsGateway.messages()
    assert message_id == sms.message_id and sms.text == "Hồ sơ đã có kết quả."
    sent = _Provider.requests[0]
    assert sent["headers"]["authorization"] == "Bearer fake-sms-key"
    assert sent["payload"] == {
        "to": "84912345678",
        "sender": "UBNDTHOXUAN",
        "text": "Hồ sơ đã có kết quả.",
        "encoding": "ucs2",
        "client_ref": "cqs-41",
    }
    assert SmsAdapter(gateway).send(_Row(body="Hồ sơ đã có kết quả.")) == message_id  # 409 duplicate_ref


def test_the_sms_client_maps_http_errors(provider):
    wrong_key = SmsAdapter(HttpSmsGateway(url=f"{provider}/sms", api_key="nope", timeout=5))
    with pytest.raises(DeliveryError) as caught:
        wrong_key.send(_Row(body="x"))
    assert (caught.value.code, caught.value.retryable) == ("unauthorized", True)
    FakeSmsGateway.fail_next(1, status=503)
    good = SmsAdapter(HttpSmsGateway(url=f"{provider}/sms", api_key=FakeSmsGateway.API_KEY, timeout=5))
    with pytest.raises(DeliveryError) as caught:
        good.send(_Row(body="x"))
    assert (caught.value.code, caught.value.retryable) == ("unavailable", True)


def test_an_unreachable_provider_is_retryable():
    gateway = HttpSmsGateway(url="http://127.0.0.1:9/sms", api_key="k", timeout=2)  # discard port: nothing listens
    with pytest.raises(DeliveryError) as caught:
        SmsAdapter(gateway).send(_Row(body="x"))
    assert (caught.value.code, caught.value.retryable) == ("unreachable", True)


def test_the_zalo_client_sends_template_and_parameters(provider, settings):
    settings.ZALO_TEMPLATE_IDS = ["otp_code=zns-1"]
    oa = HttpZaloOA(url=f"{provider}/zns", access_token=FakeZaloOA.ACCESS_TOKEN, timeout=5)
    message_id = ZaloAdapter(oa).send(_Row(context={"code": "482913", "minutes": "5"}))
    [zns] = FakeZaloOA.messages(to="+84912345678")
    assert message_id == zns.message_id
    sent = _Provider.requests[0]
    assert sent["headers"]["access_token"] == "fake-zalo-token"
    assert sent["payload"]["template_data"] == {"code": "482913", "minutes": "5"}
    with pytest.raises(DeliveryError) as caught:
        ZaloAdapter(HttpZaloOA(url=f"{provider}/zns", access_token="old", timeout=5)).send(_Row(context={"code": "1"}))
    assert (caught.value.code, caught.value.retryable) == ("invalid_access_token", True)
