from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = "Identity and people"

    def ready(self) -> None:
        from apps.accounts import policies, policies_people  # noqa: F401  (access table rows)
