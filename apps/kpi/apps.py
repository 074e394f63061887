from django.apps import AppConfig


class KpiConfig(AppConfig):
    name = "apps.kpi"
    label = "kpi"

    def ready(self) -> None:
        from apps.kpi import policies  # noqa: F401  (access rows)
