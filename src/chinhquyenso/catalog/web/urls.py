from django.urls import path

from chinhquyenso.catalog.web import views

app_name = "catalog"
urlpatterns = [
    path("", views.procedure_list, name="procedures"),
    path("nhap/", views.catalog_upload, name="import"),
    path("<str:national_code>/", views.procedure_detail, name="procedure"),
]
