"""Properties, units, availability slots and favorites (spec 03 section 1).

The embedded ``Address`` of the original is stored as ``address_*`` columns (so the marketplace can
filter and index on city and country code on every engine) and emitted as a nested ``address``
object. A unit without an address has every address column empty (``NULL``).
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from apps.accounts.models import Landlord, Tenant, User
from apps.core.models import ScopedManager, ScopedModel

ADDRESS_PARTS = (
    "street",
    "city",
    "state",
    "postal_code",
    "country",
    "country_code",
    "latitude",
    "longitude",
)


class AddressFields(models.Model):
    """The embedded address of spec 03 section 1.1, one column per part."""

    address_street = models.CharField(max_length=256, null=True, blank=True)
    address_city = models.CharField(max_length=128, null=True, blank=True)
    address_state = models.CharField(max_length=128, null=True, blank=True)
    address_postal_code = models.CharField(max_length=32, null=True, blank=True)
    address_country = models.CharField(max_length=128, null=True, blank=True)
    address_country_code = models.CharField(max_length=8, null=True, blank=True)
    address_latitude = models.FloatField(null=True, blank=True)
    address_longitude = models.FloatField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def address(self) -> dict | None:
        parts = {part: getattr(self, f"address_{part}") for part in ADDRESS_PARTS}
        if all(value is None for value in parts.values()):
            return None
        return parts

    def set_address(self, address: dict | None) -> None:
        address = address or {}
        for part in ADDRESS_PARTS:
            setattr(self, f"address_{part}", address.get(part))

    @property
    def has_coordinates(self) -> bool:
        return self.address_latitude is not None and self.address_longitude is not None


class Property(AddressFields, ScopedModel):
    access_subject = "Property"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="properties")
    name = models.CharField(max_length=128)
    description = models.CharField(max_length=1024, blank=True, default="")
    #: optional property kind of the seed document's example (``APARTMENT``, ``HOUSE``...)
    property_type = models.CharField(max_length=32, null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name_plural = "properties"
        db_table = "properties"
        indexes = [
            models.Index(fields=["landlord", "name"], name="property_landlord_name"),
            # The list's filter (scope + soft delete, see the units' note) and its sort with the id
            # tie-breaker: counts and page ids read the index only.
            models.Index(
                fields=["landlord", "-created_at", "-id", "deleted"],
                condition=Q(deleted=False),
                name="property_landlord_live_page",
            ),
        ]
        constraints = [
            # A soft-deleted property frees its name (spec README rule 2: never a 500).
            models.UniqueConstraint(
                fields=["landlord", "name"],
                condition=Q(deleted=False),
                name="property_landlord_name_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name


class UnitType(models.TextChoices):
    HOUSE = "HOUSE"
    APARTMENT = "APARTMENT"
    STUDIO = "STUDIO"
    OFFICE = "OFFICE"
    RETAIL = "RETAIL"
    ROOM = "ROOM"
    OTHER = "OTHER"


class AvailabilityStatus(models.TextChoices):
    VACANT = "VACANT"
    OCCUPIED = "OCCUPIED"
    AVAILABLE_FOR_RENT = "AVAILABLE_FOR_RENT"


class Unit(AddressFields, ScopedModel):
    access_subject = "Unit"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="units")
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="units")
    unit_number = models.CharField(max_length=32)
    size = models.FloatField(validators=[MinValueValidator(0)])
    type = models.CharField(max_length=16, choices=UnitType.choices)
    availability_status = models.CharField(
        max_length=24, choices=AvailabilityStatus.choices, default=AvailabilityStatus.VACANT
    )
    available_for_rent = models.BooleanField(default=False)
    available_from = models.DateTimeField(null=True, blank=True)
    publish_to_marketplace = models.BooleanField(default=False)
    market_rent = models.FloatField(null=True, blank=True, validators=[MinValueValidator(0)])

    objects = ScopedManager()

    class Meta:
        db_table = "units"
        indexes = [
            models.Index(fields=["landlord", "availability_status"], name="unit_landlord_status"),
            models.Index(
                fields=["landlord", "availability_status", "-created_at"],
                name="unit_landlord_status_created",
            ),
            models.Index(
                fields=[
                    "publish_to_marketplace",
                    "deleted",
                    "address_country_code",
                    "address_city",
                    "-created_at",
                ],
                name="unit_marketplace",
            ),
            # The public marketplace's page: published live units, newest first (partial, so
            # it holds only the listed units; see the note below on ``NOT deleted``).
            models.Index(
                fields=["-created_at", "-id", "property", "publish_to_marketplace", "deleted"],
                condition=Q(publish_to_marketplace=True, deleted=False),
                name="unit_marketplace_page",
            ),
            models.Index(fields=["unit_number"], name="unit_number"),
            # GET /units and GET /properties/:id/units: filter + sort (with the id tie-breaker).
            # Partial (live rows only): the soft-delete filter is ``NOT deleted``, which no engine
            # can use as an equality on an index column, but which implies the index's condition;
            # ``deleted`` comes last so SQLite can check that filter from the index (covering).
            models.Index(
                fields=["landlord", "-created_at", "-id", "deleted"],
                condition=Q(deleted=False),
                name="unit_landlord_live_page",
            ),
            models.Index(
                fields=["property", "-created_at", "-id", "deleted"],
                condition=Q(deleted=False),
                name="unit_property_live_page",
            ),
        ]
        constraints = [
            # Spec 03 open question 12: a soft-deleted unit frees its number (no 500 on re-use).
            models.UniqueConstraint(
                fields=["landlord", "property", "unit_number"],
                condition=Q(deleted=False),
                name="unit_landlord_property_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_number}"


class SlotCreator(models.TextChoices):
    TENANT = "TENANT"
    LANDLORD = "LANDLORD"


class SlotType(models.TextChoices):
    ONE_TIME = "ONE_TIME"
    RECURRING = "RECURRING"


class DayOfWeek(models.TextChoices):
    MONDAY = "MONDAY"
    TUESDAY = "TUESDAY"
    WEDNESDAY = "WEDNESDAY"
    THURSDAY = "THURSDAY"
    FRIDAY = "FRIDAY"
    SATURDAY = "SATURDAY"
    SUNDAY = "SUNDAY"


WEEKDAYS = [day.value for day in DayOfWeek]  # Monday first, as date.weekday()


class Availability(ScopedModel):
    """A time slot when a unit or a whole property can be visited (spec 03 section 1.4)."""

    access_subject = "Availability"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="availabilities")
    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, null=True, blank=True, related_name="availabilities"
    )
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="availabilities")
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="availabilities"
    )
    created_by = models.CharField(max_length=10, choices=SlotCreator.choices)
    availability_type = models.CharField(max_length=10, choices=SlotType.choices, default=SlotType.ONE_TIME)
    date = models.DateTimeField(null=True, blank=True)
    day_of_week = models.CharField(max_length=10, choices=DayOfWeek.choices, null=True, blank=True)
    start_time = models.CharField(max_length=5)
    end_time = models.CharField(max_length=5)
    notes = models.CharField(max_length=500, blank=True, default="")
    effective_from = models.DateTimeField(null=True, blank=True)
    effective_until = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    objects = ScopedManager()

    class Meta:
        verbose_name_plural = "availability slots"
        db_table = "availabilities"
        indexes = [
            models.Index(fields=["landlord", "property"], name="slot_landlord_property"),
            models.Index(fields=["landlord", "unit"], name="slot_landlord_unit"),
            models.Index(fields=["tenant", "unit"], name="slot_tenant_unit"),
            models.Index(fields=["property", "date"], name="slot_property_date"),
            models.Index(fields=["unit", "day_of_week"], name="slot_unit_day"),
            models.Index(fields=["created_by", "is_active"], name="slot_creator_active"),
        ]


class Favorite(ScopedModel):
    """A unit of the marketplace a user keeps (spec 03 section 1.5). Deleted for real."""

    access_subject = "Favorite"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="favorites")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="favorites")

    objects = ScopedManager()

    class Meta:
        db_table = "favorites"
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="favorite_user_unit_unique")]
