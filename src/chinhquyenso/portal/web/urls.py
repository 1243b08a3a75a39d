from django.urls import path

from chinhquyenso.portal.web import apply, find, track, verify

app_name = "portal"
urlpatterns = [
    path("", find.home, name="home"),
    path("thu-tuc/<str:code>/", find.procedure, name="procedure"),
    path("thu-tuc/<str:code>/nop-truc-tuyen/", find.start, name="start"),
    path("ho-so-nhap/<int:draft_id>/", apply.eform, name="eform"),
    path("ho-so-nhap/<int:draft_id>/giay-to/", apply.documents, name="documents"),
    path("ho-so-nhap/<int:draft_id>/giay-to/<int:position>/xoa/", apply.detach, name="detach"),
    path("ho-so-nhap/<int:draft_id>/nop/", apply.review, name="review"),
    path("ho-so-nhap/<int:draft_id>/xoa/", apply.discard, name="discard"),
    path("ho-so-cua-toi/", track.mine, name="mine"),
    path("ho-so-cua-toi/<str:code>/", track.detail, name="detail"),
    path("ho-so-cua-toi/<str:code>/da-nop/", track.submitted, name="submitted"),
    path("ho-so-cua-toi/<str:code>/bo-sung/", track.supplement, name="supplement"),
    path("ho-so-cua-toi/<str:code>/rut/", track.withdraw, name="withdraw"),
    path("ho-so-cua-toi/<str:code>/danh-gia/", track.rate, name="rate"),
    path("ho-so-cua-toi/<str:code>/giay-tiep-nhan/", track.receipt, name="receipt"),
    path("ho-so-cua-toi/<str:code>/ket-qua/", track.result, name="result"),
    path("ho-so-cua-toi/<str:code>/tep/<int:file_id>/", track.download, name="download"),
    path("kiem-tra-chu-ky/", verify.verify, name="verify"),
]
