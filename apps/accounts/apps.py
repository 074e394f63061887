from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = "Identity and people"

    def ready(self) -> None:
        from apps.accounts import policies  # noqa: F401  (rows of the access table)
