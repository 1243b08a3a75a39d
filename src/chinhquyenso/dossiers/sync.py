"""Hand-off of dossier changes to the national portal's outbox (filled in when the dvcqg app lands)."""

from __future__ import annotations


def queue_for_portal(dossier, event) -> None:
    """Queue the dossier and this history step for DVCQG, in the caller's transaction."""
    return None
