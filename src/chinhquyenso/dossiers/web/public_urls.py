from django.urls import path

from chinhquyenso.dossiers.web import views

urlpatterns = [
    path("tra-cuu/", views.public_lookup, name="lookup"),
]
