from django.apps import AppConfig


class ExpensesConfig(AppConfig):
    name = "apps.expenses"
    label = "expenses"

    def ready(self) -> None:
        from apps.expenses import policies  # noqa: F401  (access rows)
        from apps.expenses.invoices import install
        from apps.expenses.maintenance_invoices import invoice_expense_source

        install(invoice_expense_source())
