from django.apps import AppConfig


class PropertiesConfig(AppConfig):
    name = "apps.properties"
    label = "properties"

    def ready(self) -> None:
        from apps.properties import policies  # noqa: F401  (rows of the access table)
