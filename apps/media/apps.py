from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "apps.media"
    label = "media"

    def ready(self) -> None:
        from apps.media import policies  # noqa: F401  (rows of the access table)
