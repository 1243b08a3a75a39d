import pytest

from chinhquyenso.catalog.demo.loader import demo_document
from chinhquyenso.catalog.services import catalog_import
from chinhquyenso.core.models import User


@pytest.fixture
def catalog(db):
    """The 33 demo procedures, published."""
    catalog_import(actor=None, document=demo_document())
    return demo_document()


@pytest.fixture
def officer(demo):
    return User.objects.get(username="motcua")


@pytest.fixture
def admin(demo):
    return User.objects.get(username="admin")
