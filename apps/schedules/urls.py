from django.urls import path

from apps.schedules import views

app_name = "schedules"

urlpatterns = [
    path("schedules", views.ScheduleListView.as_view(), name="list"),
    path("schedules/<str:pk>", views.ScheduleDetailView.as_view(), name="detail"),
]
