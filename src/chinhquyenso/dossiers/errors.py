"""Errors of the dossier workflow that carry more than the common shape."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chinhquyenso.core.errors import Conflict


class TransitionNotAllowed(Conflict):
    """The action does not apply to the dossier as it is now; the answer lists what does."""

    code = "transition_not_allowed"
    default_message = _("This action does not apply to the dossier in its current state.")

    def __init__(self, message=None, *, state: str, allowed: list[str], code: str | None = None):
        self.state = state
        self.allowed = allowed
        super().__init__(message, code=code)

    def as_dict(self) -> dict:
        return {**super().as_dict(), "state": self.state, "allowed_actions": self.allowed}
