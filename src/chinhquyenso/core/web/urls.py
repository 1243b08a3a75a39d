from django.urls import path

from chinhquyenso.core.web import notification_views, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.log_in, name="login"),
    path("dang-xuat/", views.log_out, name="logout"),
    path("co-quan/", views.agencies, name="agencies"),
    path("co-quan/<int:agency_id>/", views.agency_detail, name="agency_detail"),
    path("he-thong/thong-bao/", notification_views.notifications, name="notifications"),
    path(
        "he-thong/thong-bao/<int:notification_id>/gui-lai/",
        notification_views.notification_send_again,
        name="notification_send_again",
    ),
]
