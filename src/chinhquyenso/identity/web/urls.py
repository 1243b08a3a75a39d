from django.urls import path

from chinhquyenso.identity.web import fake_mount, views

app_name = "identity"
urlpatterns = [
    path("dang-nhap/", views.log_in, name="login"),
    path("dang-nhap-otp/", views.log_in_code, name="login_code"),
    path("dang-ky/", views.sign_up, name="signup"),
    path("xac-thuc/<uuid:token>/", views.verify, name="verify"),
    path("xac-thuc/<uuid:token>/gui-lai/", views.resend, name="resend"),
    path("dang-xuat/", views.log_out, name="logout"),
    path("ho-so/", views.profile, name="profile"),
    path("vneid/", views.vneid_start, name="vneid_start"),
    path("vneid/callback/", views.vneid_callback, name="vneid_callback"),
    path("fake-vneid/", fake_mount.fake_vneid, name="fake_vneid_root"),
    path("fake-vneid/<path:subpath>", fake_mount.fake_vneid, name="fake_vneid"),
]
