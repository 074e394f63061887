from django.apps import AppConfig


class SchedulesConfig(AppConfig):
    name = "apps.schedules"
    label = "schedules"

    def ready(self) -> None:
        from apps.schedules import policies  # noqa: F401  (rows of the access table)
