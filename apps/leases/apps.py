from django.apps import AppConfig


class LeasesConfig(AppConfig):
    name = "apps.leases"
    label = "leases"

    def ready(self) -> None:
        from apps.leases import parties, policies  # noqa: F401  (access rows, party providers)

        parties.install()
