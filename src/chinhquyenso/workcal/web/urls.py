from django.urls import path

from chinhquyenso.workcal.web import views

app_name = "workcal"
urlpatterns = [
    path("", views.year_view, name="year"),
    path("ngay/", views.day_update, name="day_update"),
]
