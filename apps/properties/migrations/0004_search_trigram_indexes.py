"""Trigram indexes for the case-insensitive "contains" search of the property and unit lists.

PostgreSQL only (``pg_trgm``): Django's ``icontains`` is ``UPPER(col::text) LIKE UPPER('%x%')``,
which a GIN trigram index on ``UPPER(col)`` serves (one per searched column, combined by a bitmap
OR). A no-op on SQLite and MongoDB, which have no such index; the model state is unchanged.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations
from django.db.models.functions import Upper

from apps.core.migration_operations import PostgresOnly

PROPERTY_COLUMNS = (
    "name",
    "description",
    "address_street",
    "address_city",
    "address_state",
    "address_postal_code",
)
UNIT_COLUMNS = ("unit_number", "address_city")


def _trigram(model: str, column: str) -> PostgresOnly:
    return PostgresOnly(
        migrations.AddIndex(
            model,
            GinIndex(OpClass(Upper(column), name="gin_trgm_ops"), name=f"{model}_{column}_trgm"[:30]),
        )
    )


class Migration(migrations.Migration):
    dependencies = [("properties", "0003_list_page_indexes")]

    operations = [
        PostgresOnly(TrigramExtension()),
        *(_trigram("property", column) for column in PROPERTY_COLUMNS),
        *(_trigram("unit", column) for column in UNIT_COLUMNS),
    ]
