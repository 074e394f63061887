"""Identity routes: auth and users (``urls_auth``), people and invitations (``urls_people``)."""

from django.urls import include, path

app_name = "accounts"

urlpatterns = [
    path("", include("apps.accounts.urls_auth")),
    path("", include("apps.accounts.urls_people")),
]
