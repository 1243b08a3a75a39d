from chinhquyenso.dossiers.models.dossier import (
    Dossier,
    DossierCodeCounter,
    DossierComponent,
    DossierEvent,
    DossierFile,
)

__all__ = ["Dossier", "DossierCodeCounter", "DossierComponent", "DossierEvent", "DossierFile"]
