"""The seed document's short maintenance routes (routes.tsv rows marked ``seed``).

They are thin forms of the spec 07 routes, with the seed document's request shapes:
``POST /maintenance`` (``propertyId``/``unitId``), ``GET /maintenance/:id`` (the ticket with its
``threads``: the comments, as ``{userId, message, attachments, createdAt}``),
``PATCH /maintenance/:id/assign`` and ``POST /maintenance/:id/threads`` (add a comment).
"""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from apps.core.serializers import InputSerializer, iso
from apps.core.views import ApiView, parse_id
from apps.maintenance import selectors, services
from apps.maintenance.models import TicketCategory, TicketComment, TicketPriority
from apps.maintenance.schema import doc
from apps.maintenance.serializers import AssignInput, comment_to_dict, ticket_to_dict
from apps.maintenance.views import TicketMixin
from apps.media.services import media_for_owners, media_to_dict

TAG = "maintenance-seed"
CATEGORY_ALIASES = {"APPLIANCE": TicketCategory.APPLIANCES}
SEED_CATEGORIES = [*TicketCategory.values, *CATEGORY_ALIASES]


class SeedTicketInput(InputSerializer):
    property_id = serializers.UUIDField()
    unit_id = serializers.UUIDField(required=False, allow_null=True)
    title = serializers.CharField(min_length=1, max_length=200)
    description = serializers.CharField(min_length=1, max_length=2000)
    priority = serializers.ChoiceField(choices=TicketPriority.values, required=False)
    category = serializers.ChoiceField(choices=SEED_CATEGORIES)


class SeedThreadInput(InputSerializer):
    message = serializers.CharField(min_length=1, max_length=2000)


def _thread_entry(comment: TicketComment, media) -> dict:
    return {
        "_id": str(comment.pk),
        "user_id": str(comment.author_id),
        "message": comment.content,
        "attachments": [media_to_dict(item)["url"] for item in media],
        "created_at": iso(comment.created_at),
    }


class SeedTicketCreateView(TicketMixin, ApiView):
    policies = {"POST": [("create", "MaintenanceTicket")]}
    audit_controller = "MaintenanceController"

    @doc(TAG, "Create a maintenance ticket (seed form)", request=SeedTicketInput, status=201)
    def post(self, request):
        data = self.parse_body(SeedTicketInput)
        ticket, _ = services.ticket_create(
            actor=request.user,
            property_id=data["property_id"],
            unit_id=data.get("unit_id"),
            title=data["title"],
            description=data["description"],
            category=CATEGORY_ALIASES.get(data["category"], data["category"]),
            priority=data.get("priority"),
            source="api",
        )
        return Response(ticket_to_dict(ticket), status=201)


class SeedTicketDetailView(TicketMixin, ApiView):
    policies = {"GET": [("read", "MaintenanceTicket")]}
    audit_controller = "MaintenanceController"
    audit_handlers = {"GET": "findOne"}

    @doc(TAG, "A ticket with its threads (seed form)", path=("pk",))
    def get(self, request, pk):
        ticket = self.get_ticket(pk)
        data = selectors.ticket_detail(ticket)
        comments = list(TicketComment.objects.unscoped().filter(ticket=ticket).order_by("created_at", "id"))
        media = media_for_owners("TicketComment", [comment.pk for comment in comments])
        data["threads"] = [_thread_entry(comment, media.get(comment.pk, [])) for comment in comments]
        return Response(data)


class SeedTicketAssignView(TicketMixin, ApiView):
    policies = {"PATCH": [("update", "MaintenanceTicket")]}
    audit_controller = "MaintenanceController"
    audit_handlers = {"PATCH": "assign"}

    @doc(TAG, "Assign a contractor (seed form)", request=AssignInput, path=("pk",))
    def patch(self, request, pk):
        parse_id(pk)
        data = self.parse_body(AssignInput)
        ticket = self.get_ticket(pk, action="update")
        ticket = services.ticket_assign(
            ticket=ticket, actor=request.user, contractor_id=data["contractor_id"]
        )
        return Response(ticket_to_dict(ticket))


class SeedTicketThreadView(TicketMixin, ApiView):
    audit_controller = "MaintenanceController"
    audit_handlers = {"POST": "addThread"}

    @doc(TAG, "Add a comment to a ticket (seed form)", request=SeedThreadInput, status=201, path=("pk",))
    def post(self, request, pk):
        parse_id(pk)
        data = self.parse_body(SeedThreadInput)
        ticket = self.get_ticket(pk, message="Ticket not found or access denied")
        comment, _ = services.comment_create(ticket=ticket, actor=request.user, content=data["message"])
        return Response(comment_to_dict(comment), status=201)
