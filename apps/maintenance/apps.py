from django.apps import AppConfig


class MaintenanceConfig(AppConfig):
    name = "apps.maintenance"
    label = "maintenance"

    def ready(self) -> None:
        from apps.maintenance import parties, policies  # noqa: F401  (access rows, party providers)

        parties.install()
