from django.urls import NoReverseMatch, reverse

from chinhquyenso.core.permissions import user_roles
from chinhquyenso.core.web.navigation import items_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    entries = []
    for item in items_for(user_roles(user)):
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"label": item.label, "url": url, "active": request.path == url})
    return {"nav_items": entries}
