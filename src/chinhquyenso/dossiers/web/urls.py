from django.urls import path

from chinhquyenso.dossiers.web import views

app_name = "dossiers"
urlpatterns = [
    path("mot-cua/tiep-nhan/", views.counter, name="counter"),
    path("mot-cua/thanh-phan/", views.counter_components, name="counter_components"),
    path("ho-so/", views.inbox, name="inbox"),
    path("ho-so/so-theo-doi/", views.register, name="register"),
    path("ho-so/<str:code>/", views.detail, name="detail"),
    path("ho-so/<str:code>/thao-tac/<str:action>/", views.act, name="act"),
    path("ho-so/<str:code>/mau/<str:number>/", views.form_pdf, name="form"),
    path("ho-so/<str:code>/tep/<int:file_id>/", views.file_download, name="file"),
]
