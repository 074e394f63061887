from django.apps import AppConfig


class MarketingConfig(AppConfig):
    name = "apps.marketing"
    label = "marketing"

    def ready(self) -> None:
        from apps.marketing import policies  # noqa: F401  (rows of the access table)
