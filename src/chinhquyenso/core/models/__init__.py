from chinhquyenso.core.models.audit import AuditChainHead, AuditEvent
from chinhquyenso.core.models.notification import Notification, NotificationChannel, NotificationStatus
from chinhquyenso.core.models.token import ApiToken
from chinhquyenso.core.models.user import AccountKind, Role, RoleAssignment, User

__all__ = [
    "AccountKind",
    "ApiToken",
    "AuditChainHead",
    "AuditEvent",
    "Notification",
    "NotificationChannel",
    "NotificationStatus",
    "Role",
    "RoleAssignment",
    "User",
]
