from django.contrib.auth.backends import ModelBackend
from django.utils import timezone


class LockoutAwareBackend(ModelBackend):
    """Model backend that never authenticates an account while it is locked."""

    def user_can_authenticate(self, user) -> bool:
        if user.locked_until is not None and user.locked_until > timezone.now():
            return False
        return super().user_can_authenticate(user)
