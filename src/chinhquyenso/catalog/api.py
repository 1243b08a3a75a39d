"""The catalogue for other systems and the staff UI: published procedures, searchable, one by national code."""

from datetime import datetime

from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chinhquyenso.catalog.models import OnlineLevel
from chinhquyenso.catalog.selectors import procedure_get_for, procedure_list_for
from chinhquyenso.catalog.serialize import exchange_number, exchange_time_limit
from chinhquyenso.core.api.auth import staff_auth
from chinhquyenso.core.api.routes import ErrorOut

router = Router(tags=["catalog"], auth=staff_auth)


class TimeLimitOut(Schema):
    value: int | float
    unit: str = Field(description="working-days, working-hours, calendar-days or same-day")
    same_day_cutoff: str | None = Field(None, description="HH:MM, for same-day procedures")


class ProcedureSummaryOut(Schema):
    national_code: str = Field(alias="procedure.national_code")
    name: str
    field_code: str = Field(alias="field.code")
    field_name: str = Field(alias="field.name")
    level: str
    online_level: str
    time_limit: TimeLimitOut
    version: int = Field(alias="number")

    @staticmethod
    def resolve_time_limit(obj):
        return exchange_time_limit(obj.time_limit, obj.time_limit_unit, obj.same_day_cutoff)


class FeeOut(Schema):
    code: str
    name: str
    kind: str
    amount_vnd: int
    unit_note: str
    collector: str


class ComponentOut(Schema):
    name: str
    form: str
    quantity: int
    required: bool
    reusable: bool


class StepOut(Schema):
    name: str
    role: str
    budget: int | float = Field(description="in the unit of the procedure's time limit")

    @staticmethod
    def resolve_budget(obj):
        return exchange_number(obj.budget)


class ProcedureOut(ProcedureSummaryOut):
    status: str
    published_at: datetime | None
    competent_agency: str
    supplement_rule: str
    result: str
    legal_basis: list[str]
    components: list[ComponentOut]
    fees: list[FeeOut]
    steps: list[StepOut]
    eform: list[dict]

    @staticmethod
    def resolve_components(obj):
        return list(obj.components.all())

    @staticmethod
    def resolve_fees(obj):
        return list(obj.fees.all())

    @staticmethod
    def resolve_steps(obj):
        return list(obj.steps.all())


class ProcedurePage(PageNumberPagination):
    page_size = 50


@router.get(
    "/catalog/procedures",
    response={200: list[ProcedureSummaryOut], 401: ErrorOut, 422: ErrorOut},
    summary="Published procedures, by code or name (diacritics ignored), field code and online level",
)
@paginate(ProcedurePage)
def procedures(request, q: str = "", field: str = "", online_level: OnlineLevel | None = None):
    return procedure_list_for(
        user=request.auth, q=q, field=field, online_level=online_level.value if online_level else ""
    )


@router.get(
    "/catalog/procedures/{national_code}",
    response={200: ProcedureOut, 401: ErrorOut, 404: ErrorOut},
    summary="The published version of one procedure with its components, fees and steps",
)
def procedure(request, national_code: str):
    return procedure_get_for(user=request.auth, national_code=national_code)
