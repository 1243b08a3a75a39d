"""Chính quyền số: the digital government platform of a Vietnamese commune, district or province."""

__version__ = "0.1.0"
