"""API authentication: a staff session (browser) or a bearer token (other systems)."""

from __future__ import annotations

import hashlib

from django.db.models import Q
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from chinhquyenso.core.models import AccountKind, ApiToken


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class BearerTokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        now = timezone.now()
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
            .first()
        )
        if found is None or found.user.kind != AccountKind.STAFF:
            return None
        request.user = found.user
        return found.user


class StaffSessionAuth(SessionAuth):
    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None or user.kind != AccountKind.STAFF:
            return None
        return user


staff_auth = [BearerTokenAuth(), StaffSessionAuth()]
