"""Materialised paths of administrative units: ``N`` = two-tier system (from 07/2025), ``L`` = legacy."""


def current_province_path(code: int) -> str:
    return f"N{code:02d}/"


def current_commune_path(province: int, code: int) -> str:
    return f"N{province:02d}/{code:05d}/"


def legacy_province_path(code: int) -> str:
    return f"L{code:02d}/"


def legacy_district_path(province: int, code: int) -> str:
    return f"L{province:02d}/{code:03d}/"


def legacy_commune_path(province: int, district: int, code: int) -> str:
    return f"L{province:02d}/{district:03d}/{code:05d}/"


def path_ancestors(path: str) -> list[str]:
    """Every prefix of a unit path, the province first and ``path`` itself last (``N38/``, ``N38/15499/``)."""
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
