from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = "Identity: organizations, users, auth and sessions"

    def ready(self) -> None:
        from apps.accounts import policies, policies_people  # noqa: F401  (access table rows)
