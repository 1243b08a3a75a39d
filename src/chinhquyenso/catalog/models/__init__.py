from chinhquyenso.catalog.models.procedure import (
    ComponentForm,
    Fee,
    FeeKind,
    Field,
    OnlineLevel,
    Procedure,
    ProcedureLevel,
    ProcedureStep,
    ProcedureVersion,
    RequiredComponent,
    SupplementRule,
    VersionStatus,
)

__all__ = [
    "ComponentForm",
    "Fee",
    "FeeKind",
    "Field",
    "OnlineLevel",
    "Procedure",
    "ProcedureLevel",
    "ProcedureStep",
    "ProcedureVersion",
    "RequiredComponent",
    "SupplementRule",
    "VersionStatus",
]
