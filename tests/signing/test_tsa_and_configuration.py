"""The development TSA (checked by ``openssl ts -verify``), the production TSA client, trust roots and the signer
configuration errors."""

import asyncio
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.wsgi import get_wsgi_application

from chinhquyenso.signing.benchmark import signature_box
from chinhquyenso.signing.credentials import agency_identity, person_identity
from chinhquyenso.signing.errors import SigningConfigurationError, TimestampUnavailable
from chinhquyenso.signing.pdf_sign import sign_pdf
from chinhquyenso.signing.pdf_verify import verify_pdf
from chinhquyenso.signing.tsa import TimeStampResponse

OPENSSL = "/usr/bin/openssl"
QUERY = "application/timestamp-query"


def openssl_query(tmp_path, digest="-sha256"):
    data = tmp_path / "data.txt"
    data.write_text("Quyết định số 05/QĐ-UBND", encoding="utf-8")
    query = tmp_path / "request.tsq"
    subprocess.run([OPENSSL, "ts", "-query", "-data", str(data), digest, "-cert", "-out", str(query)], check=True)
    return query


def test_the_tsa_endpoint_answers_openssl_with_a_token_openssl_verifies(client, tmp_path, pki_dir):
    query = openssl_query(tmp_path)
    response = client.post("/tsa/", data=query.read_bytes(), content_type=QUERY)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/timestamp-reply"
    reply = tmp_path / "reply.tsr"
    reply.write_bytes(response.content)

    checked = subprocess.run(
        [OPENSSL, "ts", "-verify", "-in", str(reply), "-queryfile", str(query), "-CAfile", str(pki_dir / "ca.pem")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Verification: OK" in checked.stdout, checked.stderr


def test_the_tsa_rejects_weak_digests_and_garbage_with_rfc_3161_failure_codes(client, tmp_path):
    sha1 = client.post("/tsa/", data=openssl_query(tmp_path, "-sha1").read_bytes(), content_type=QUERY)
    answer = TimeStampResponse.load(sha1.content)
    assert answer["status"]["status"].native == "rejection"
    assert answer["status"]["fail_info"].native == {"bad_alg"}

    garbage = TimeStampResponse.load(client.post("/tsa/", data=b"not asn.1", content_type=QUERY).content)
    assert garbage["status"]["fail_info"].native == {"bad_data_format"}


def test_the_tsa_endpoint_checks_method_content_type_and_its_switch(client, settings):
    assert client.get("/tsa/").status_code == 405
    assert client.post("/tsa/", data=b"x", content_type="text/plain").status_code == 415
    settings.TSA_HTTP_ENABLED = False
    assert client.post("/tsa/", data=b"x", content_type=QUERY).status_code == 404


@pytest.fixture
def tsa_over_http():
    """The platform's WSGI application on a loopback port, as a production TSA would be reached."""

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/tsa/"
    server.shutdown()
    thread.join(timeout=5)


def test_production_signs_with_the_configured_tsa_url_and_refuses_without_one(settings, decision_pdf, tsa_over_http):
    settings.PROFILE = "production"
    settings.TSA_URL = None
    with pytest.raises(SigningConfigurationError) as error:
        sign_pdf(decision_pdf, signer=person_identity("lanhdao"), kind="personal", box=signature_box())
    assert "CQS_TSA_URL" in str(error.value.message)

    settings.TSA_URL = tsa_over_http
    signed = sign_pdf(decision_pdf, signer=person_identity("lanhdao"), kind="personal", box=signature_box())
    report = verify_pdf(signed)
    assert report.valid and report.signatures[0].timestamp_trusted


def test_an_unreachable_tsa_fails_the_signature_with_a_message(settings, decision_pdf):
    settings.TSA_URL = "http://127.0.0.1:9/tsa/"  # the discard port: nothing listens
    with pytest.raises(TimestampUnavailable) as error:
        sign_pdf(decision_pdf, signer=person_identity("lanhdao"), kind="personal", box=signature_box())
    assert error.value.status == 503
    assert str(error.value.message).startswith("Không kết nối được tổ chức cấp dấu thời gian")


def test_trust_roots_come_from_the_settings(settings, decision_pdf, foreign_pki_dir):
    signed = sign_pdf(decision_pdf, signer=person_identity("lanhdao"), kind="personal", box=signature_box())
    assert verify_pdf(signed).valid

    settings.SIGNING_TRUST_ROOTS = [str(foreign_pki_dir / "ca.pem")]  # trusting only another CA
    report = verify_pdf(signed)
    assert not report.valid and not report.signatures[0].trusted_root

    settings.SIGNING_TRUST_ROOTS = ["/nonexistent/neac-root.pem"]
    with pytest.raises(SigningConfigurationError, match="neac-root.pem"):
        verify_pdf(signed)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"SIGNATURE_BACKEND": "pkcs11"}, "CQS_PKCS11_MODULE, CQS_PKCS11_SLOT, CQS_PKCS11_PIN"),
        (
            {"SIGNATURE_BACKEND": "pkcs11", "PKCS11_MODULE": "/no/such/libsofthsm2.so", "PKCS11_SLOT": "0"},
            "CQS_PKCS11_PIN",
        ),
        (
            {
                "SIGNATURE_BACKEND": "pkcs11",
                "PKCS11_MODULE": "/no/such/libsofthsm2.so",
                "PKCS11_SLOT": "0",
                "PKCS11_PIN": "1234",
            },
            "does not exist",
        ),
        ({"SIGNATURE_BACKEND": "remote"}, "CQS_REMOTE_SIGNING_URL"),
        ({"SIGNATURE_BACKEND": "remote", "REMOTE_SIGNING_URL": "http://sign.example"}, "https://"),
        ({"SIGNATURE_BACKEND": "remote", "REMOTE_SIGNING_URL": "https://sign.example"}, "not part of this build"),
        ({"PKI_PASSWORD": "wrong password"}, "wrong CQS_PKI_PASSWORD"),
    ],
)
def test_a_misconfigured_signer_fails_with_a_message_naming_the_setting(settings, changes, message):
    for name, value in changes.items():
        setattr(settings, name, value)
    with pytest.raises(SigningConfigurationError) as error:
        agency_identity("000.01.27.H56")
    assert message in str(error.value.message)
    assert error.value.status == 503


def test_signing_and_verifying_work_inside_a_running_event_loop(decision_pdf):
    # pyHanko's synchronous calls use asyncio.run(); an async view or Playwright's sync API has a loop running.
    async def inside_a_loop():
        signed = sign_pdf(decision_pdf, signer=person_identity("lanhdao"), kind="personal", box=signature_box())
        return verify_pdf(signed)

    # In a thread of its own: Playwright's session-wide browser may already run a loop in this one.
    with ThreadPoolExecutor(1) as pool:
        report = pool.submit(asyncio.run, inside_a_loop()).result()
    assert report.valid
    assert report.summary.startswith("Văn bản HỢP LỆ")
