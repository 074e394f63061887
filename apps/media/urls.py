from django.urls import path

from apps.media import views

app_name = "media"

urlpatterns = [
    path("media/file/<str:token>", views.MediaFileView.as_view(), name="file"),
    path("media/<str:pk>/download", views.MediaDownloadView.as_view(), name="download"),
    path("media/<str:pk>", views.MediaDetailView.as_view(), name="detail"),
]
