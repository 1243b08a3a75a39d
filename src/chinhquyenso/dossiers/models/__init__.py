from chinhquyenso.dossiers.models.dossier import (
    Dossier,
    DossierCodeCounter,
    DossierComponent,
    DossierEvent,
    DossierFile,
    DossierRating,
    Satisfaction,
    SubmitterAuth,
)

__all__ = [
    "Dossier",
    "DossierCodeCounter",
    "DossierComponent",
    "DossierEvent",
    "DossierFile",
    "DossierRating",
    "Satisfaction",
    "SubmitterAuth",
]
