"""Identity routes: auth and sessions (``urls_auth``). The people routes are in :mod:`apps.people.urls`."""

from django.urls import include, path

app_name = "accounts"

urlpatterns = [
    path("", include("apps.accounts.urls_auth")),
]
