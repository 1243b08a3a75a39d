import pytest

from chinhquyenso.units.models import AdministrativeUnit


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The unit tree is reference data every test may need: loaded once per test database.
    from chinhquyenso.units.loading import load_units

    with django_db_blocker.unblock():
        load_units()


@pytest.fixture(autouse=True)
def _restore_reference_data(request, django_db_blocker):
    """A transactional test ends by emptying every table; put the reference data back for the next test."""
    yield
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    from chinhquyenso.units.loading import load_units
    from chinhquyenso.workcal.services import calendar_seed_national

    with django_db_blocker.unblock():
        load_units()
        calendar_seed_national()


@pytest.fixture(scope="session")
def _session_pki_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("pki")


@pytest.fixture(autouse=True)
def _pki_outside_the_worktree(settings, _session_pki_dir):
    """`chinhquyenso demo` makes the development PKI: in tests it goes to a temporary folder, not var/."""
    settings.PKI_DIR = _session_pki_dir


@pytest.fixture
def units(db):
    """The full unit tree; reloaded if a transactional test flushed it."""
    if not AdministrativeUnit.objects.filter(path="N38/").exists():
        from chinhquyenso.units.loading import load_units

        load_units()
    return AdministrativeUnit.objects


@pytest.fixture
def demo(units):
    """Demo agencies and one account per role (see chinhquyenso demo)."""
    from chinhquyenso.core.demo.accounts import ensure_demo_accounts
    from chinhquyenso.units.demo import ensure_demo_agencies

    agencies = ensure_demo_agencies()
    ensure_demo_accounts(agencies)
    return agencies


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free loopback port; Django's e-mail goes to it. See tests/smtp_capture.py."""
    from tests.smtp_capture import SmtpCapture

    server = SmtpCapture().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield server
    server.stop()
