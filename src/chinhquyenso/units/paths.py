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
