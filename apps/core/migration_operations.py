"""Migration operations that act on one engine only and leave the model state alone.

:class:`PostgresOnly` runs a wrapped operation's database work on PostgreSQL and nothing anywhere
else (SQLite, MongoDB): for what only PostgreSQL has, such as trigram indexes. The wrapped
operation never enters the migration state, so ``makemigrations`` sees no difference between
engines and the models stay valid on every engine (DESIGN section 4).
"""

from __future__ import annotations

from django.db.migrations.operations.base import Operation


class PostgresOnly(Operation):
    reversible = True
    reduces_to_sql = True

    def __init__(self, operation: Operation):
        self.operation = operation

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.operation], {})

    def state_forwards(self, app_label, state):
        """The state is the same on every engine: nothing to record."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            _register_postgres_index_wrappers()
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return f"On PostgreSQL only: {self.operation.describe()}"


def _register_postgres_index_wrappers() -> None:
    """What ``django.contrib.postgres`` does when installed: ``OpClass`` wraps index expressions.

    Without it, ``OpClass(Upper("name"), name="gin_trgm_ops")`` is rendered inside the expression's
    parentheses, which PostgreSQL rejects. The app itself is not installed (it would be loaded on
    SQLite and MongoDB too).
    """
    from django.contrib.postgres.indexes import OpClass
    from django.db.models import OrderBy
    from django.db.models.functions import Collate
    from django.db.models.indexes import IndexExpression

    IndexExpression.register_wrappers(OrderBy, OpClass, Collate)
