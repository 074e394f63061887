from django.apps import AppConfig


class ExpensesConfig(AppConfig):
    name = "apps.expenses"
    label = "expenses"

    def ready(self) -> None:
        from apps.expenses import policies  # noqa: F401  (access rows)
