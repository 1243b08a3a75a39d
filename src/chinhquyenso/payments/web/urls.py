from django.urls import path

from chinhquyenso.payments.web import callback, fake_gateway_views, views

app_name = "payments"
urlpatterns = [
    path("ho-so/<str:code>/", views.pay, name="pay"),
    path("ket-qua/", views.gateway_return, name="return"),
    path("bien-lai/<str:order_ref>/", views.receipt, name="receipt"),
    path("ipn/", callback.callback, name="callback"),
    path("cong-gia-lap/", fake_gateway_views.fake_pay, name="fake_pay"),
    path("cong-gia-lap/truy-van/", fake_gateway_views.fake_query, name="fake_query"),
]
