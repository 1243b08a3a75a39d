"""The REST API root: /api/v1/, OpenAPI 3.1 at /api/v1/openapi.json."""

from ninja import NinjaAPI

from chinhquyenso import __version__
from chinhquyenso.catalog.api import router as catalog_router
from chinhquyenso.core.api.errors import install_error_handlers
from chinhquyenso.core.api.routes import router as core_router
from chinhquyenso.documents.api import router as documents_router
from chinhquyenso.dossiers.api import public_router as dossiers_public_router
from chinhquyenso.dossiers.api import router as dossiers_router
from chinhquyenso.units.api import router as units_router
from chinhquyenso.workcal.api import router as workcal_router

api = NinjaAPI(
    title="Chính quyền số API",
    version=__version__,
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
install_error_handlers(api)
api.add_router("/", core_router)
api.add_router("/", units_router)
api.add_router("/", workcal_router)
api.add_router("/", dossiers_router)
api.add_router("/", dossiers_public_router)
api.add_router("/", catalog_router)
api.add_router("/", documents_router)
