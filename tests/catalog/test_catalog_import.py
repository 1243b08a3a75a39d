"""Importing the catalogue: all or nothing, with a message per bad value, and versions that freeze."""

import copy

import pytest

from chinhquyenso.catalog.demo.loader import demo_document
from chinhquyenso.catalog.models import Procedure, ProcedureVersion, VersionStatus
from chinhquyenso.catalog.serialize import catalog_document
from chinhquyenso.catalog.services import (
    catalog_import,
    procedure_draft_create,
    procedure_draft_update,
    procedure_publish,
)
from chinhquyenso.core.errors import Conflict, PermissionDenied, ValidationFailed
from chinhquyenso.core.models import AuditEvent, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    return demo_document()


def test_demo_catalogue_imports_published_and_reimports_unchanged(document):
    first = catalog_import(actor=None, document=document)
    assert len(first.published) == len(document["procedures"]) >= 30
    assert ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED).count() == len(first.published)
    again = catalog_import(actor=None, document=document)
    assert again.published == [] and len(again.unchanged) == len(first.published)


def test_export_gives_back_what_was_imported(document):
    catalog_import(actor=None, document=document)
    exported = catalog_document()
    by_code = {p["national_code"]: p for p in exported["procedures"]}
    for original in document["procedures"]:
        assert by_code[original["national_code"]]["fees"] == original["fees"]
        assert by_code[original["national_code"]]["time_limit"] == original["time_limit"]
        assert by_code[original["national_code"]]["components"] == original["components"]


def test_bad_values_are_reported_by_path_and_nothing_is_written(document):
    broken = copy.deepcopy(document)
    broken["procedures"][2]["fees"] = [{"name": "Lệ phí", "kind": "charge", "amount_vnd": 1500.5}]
    broken["procedures"][5]["national_code"] = "1-001193"
    broken["procedures"][7]["time_limit"] = {"value": 2.3, "unit": "working-days"}
    broken["procedures"][9]["components"][0]["form"] = "scan"
    with pytest.raises(ValidationFailed) as caught:
        catalog_import(actor=None, document=broken)
    fields = caught.value.fields
    assert "procedures[2].fees[0].amount_vnd" in fields
    assert "procedures[5].national_code" in fields
    assert "procedures[7].time_limit.value" in fields
    assert "procedures[9].components[0].form" in fields
    assert "không" in caught.value.message.lower()  # "nothing was changed", in Vietnamese
    assert not Procedure.objects.exists()


def test_step_budgets_must_add_up_to_the_time_limit(document):
    broken = copy.deepcopy(document)
    procedure = next(p for p in broken["procedures"] if p["time_limit"]["unit"] == "working-days")
    procedure["steps"][0]["budget"] += 1
    index = broken["procedures"].index(procedure)
    with pytest.raises(ValidationFailed) as caught:
        catalog_import(actor=None, document=broken)
    assert f"procedures[{index}].steps" in caught.value.fields


def test_duplicate_codes_in_one_document_are_refused(document):
    broken = copy.deepcopy(document)
    broken["procedures"].append(copy.deepcopy(broken["procedures"][0]))
    with pytest.raises(ValidationFailed) as caught:
        catalog_import(actor=None, document=broken)
    assert f"procedures[{len(broken['procedures']) - 1}].national_code" in caught.value.fields


def test_a_changed_procedure_gets_a_new_version_and_the_old_one_retires(document):
    catalog_import(actor=None, document=document)
    changed = copy.deepcopy(document)
    changed["procedures"][0]["fees"].append(
        {"code": "P-1", "name": "Phí sao lục", "kind": "fee", "amount_vnd": 8000, "unit_note": "", "collector": ""}
    )
    result = catalog_import(actor=None, document=changed)
    code = changed["procedures"][0]["national_code"]
    assert result.published == [code]
    versions = list(ProcedureVersion.objects.filter(procedure__national_code=code).order_by("number"))
    assert [(v.number, v.status) for v in versions] == [(1, "retired"), (2, "published")]
    assert versions[0].fees.count() + 1 == versions[1].fees.count()  # the old version kept its own fees
    assert AuditEvent.objects.filter(action="catalog.import").count() == 2


def test_published_versions_are_frozen_and_drafts_publish(document, demo):
    catalog_import(actor=None, document=document)
    admin = User.objects.get(username="admin")
    procedure = Procedure.objects.get(national_code=document["procedures"][0]["national_code"])
    published = procedure.versions.get(status="published")
    with pytest.raises(Conflict):
        procedure_draft_update(actor=admin, version=published, changes={"name": "Tên mới"})
    draft = procedure_draft_create(actor=admin, procedure=procedure)
    with pytest.raises(Conflict):
        procedure_draft_create(actor=admin, procedure=procedure)
    draft = procedure_draft_update(actor=admin, version=draft, changes={"online_level": "partial"})
    with pytest.raises(ValidationFailed) as caught:
        procedure_draft_update(actor=admin, version=draft, changes={"online_level": "maybe"})
    assert "draft.online_level" in caught.value.fields
    procedure_publish(actor=admin, version=draft)
    statuses = dict(procedure.versions.values_list("number", "status"))
    assert statuses == {1: "retired", 2: "published"}
    assert procedure.versions.get(number=2).online_level == "partial"


def test_only_a_system_administrator_imports(document, demo):
    with pytest.raises(PermissionDenied):
        catalog_import(actor=User.objects.get(username="motcua"), document=document)
