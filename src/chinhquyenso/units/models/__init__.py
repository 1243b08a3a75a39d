from chinhquyenso.units.models.agency import Agency, AgencyKind
from chinhquyenso.units.models.unit import AdministrativeUnit, UnitLevel, UnitSuccession

__all__ = ["AdministrativeUnit", "Agency", "AgencyKind", "UnitLevel", "UnitSuccession"]
