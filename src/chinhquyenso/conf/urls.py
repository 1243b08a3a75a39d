from django.urls import include, path
from django.views.i18n import set_language

from chinhquyenso.conf.api import api
from chinhquyenso.signing.views import tsa_endpoint

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("tsa/", tsa_endpoint, name="tsa"),
    path("lich-lam-viec/", include("chinhquyenso.workcal.web.urls")),
    path("", include("chinhquyenso.dossiers.web.urls")),
    path("", include(("chinhquyenso.dossiers.web.public_urls", "public"))),
    path("thu-tuc/", include("chinhquyenso.catalog.web.urls")),
    path("van-ban/", include("chinhquyenso.documents.web.urls")),
    path("tai-khoan/", include("chinhquyenso.identity.web.urls")),
    path("thanh-toan/", include("chinhquyenso.payments.web.urls")),
    path("dich-vu-cong/", include("chinhquyenso.portal.web.urls")),
    path("", include("chinhquyenso.core.web.urls")),
]

handler403 = "chinhquyenso.core.web.errors.forbidden"
handler404 = "chinhquyenso.core.web.errors.not_found"
handler500 = "chinhquyenso.core.web.errors.server_error"
