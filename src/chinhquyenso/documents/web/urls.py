from django.urls import path

from chinhquyenso.documents.web import views, workfiles

app_name = "documents"
urlpatterns = [
    path("den/", views.incoming_list, name="incoming_list"),
    path("den/dang-ky/", views.incoming_register, name="incoming_register"),
    path("den/<int:document_id>/", views.incoming_detail, name="incoming_detail"),
    path("den/<int:document_id>/phieu-giai-quyet/", views.incoming_slip, name="incoming_slip"),
    path("den/<int:document_id>/<slug:action>/", views.incoming_act, name="incoming_act"),
    path("di/", views.outgoing_list, name="outgoing_list"),
    path("di/soan-thao/", views.outgoing_new, name="outgoing_new"),
    path("di/<int:document_id>/", views.outgoing_detail, name="outgoing_detail"),
    path("di/<int:document_id>/<slug:action>/", views.outgoing_act, name="outgoing_act"),
    path("tep/<int:file_id>/", views.file_download, name="file_download"),
    path("tep/<int:file_id>/kiem-tra-chu-ky/", views.file_verify, name="file_verify"),
    path("tim-kiem/", views.search, name="search"),
    path("ho-so/", workfiles.workfile_list, name="workfile_list"),
    path("ho-so/<int:work_file_id>/", workfiles.workfile_detail, name="workfile_detail"),
    path("ho-so/<int:work_file_id>/xuat.<str:fmt>", workfiles.workfile_export, name="workfile_export"),
    path("ho-so/them-van-ban/", workfiles.workfile_add, name="workfile_add"),
]
