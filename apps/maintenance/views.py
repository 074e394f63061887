"""Ticket and comment routes (spec 07 sections 3 and 3.9). Views parse, load, call, present."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core.exceptions import BadRequest, NotFound
from apps.core.views import ApiView, parse_id
from apps.maintenance import schema, selectors, services
from apps.maintenance.models import MaintenanceTicket, TicketComment
from apps.maintenance.schema import doc
from apps.maintenance.serializers import (
    AcceptInput,
    AssignInput,
    CommentInput,
    EmptyInput,
    MediaQuery,
    RefuseInput,
    TicketCreateInput,
    TicketListQuery,
    TicketUpdateInput,
    comment_to_dict,
    ticket_to_dict,
)
from apps.media.services import media_to_dict

TICKETS = "maintenance-tickets"
COMMENTS = "maintenance-comments"


def split_body(request, file_field: str) -> tuple[dict, list]:
    """The body as a plain dict (last value of each form key) and the uploaded files."""
    data = request.data
    files = request.FILES.getlist(file_field) if getattr(request, "FILES", None) else []
    if hasattr(data, "lists"):
        return {key: values[-1] for key, values in data.lists() if key != file_field}, files
    if isinstance(data, dict):
        return {key: value for key, value in data.items() if key != file_field}, files
    raise BadRequest(["request body must be a JSON object"])


class TicketMixin:
    def get_ticket(self, pk, *, action: str | None = None, message: str | None = None) -> MaintenanceTicket:
        return self.load(
            MaintenanceTicket.objects.select_related(
                "property", "unit", "assigned_contractor", "requested_by"
            ),
            pk,
            action=action,
            not_found=message or f"Ticket with ID {pk} not found",
        )

    def validated(self, serializer_class, data: dict) -> dict:
        serializer = serializer_class(data=data, context={"request": self.request})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class TicketListView(TicketMixin, ApiView):
    policies = {"GET": [("read", "MaintenanceTicket")], "POST": [("create", "MaintenanceTicket")]}
    audit_controller = "MaintenanceTicketsController"

    @doc(TICKETS, "List maintenance tickets", response=schema.TICKET_PAGE, query=TicketListQuery)
    def get(self, request):
        query = self.parse_query(TicketListQuery)
        queryset = selectors.ticket_list_queryset(principal=self.principal, query=query.validated_data)
        return Response(query.page_of(queryset, serialize=selectors.present_tickets))

    @doc(
        TICKETS,
        "Report a maintenance problem",
        request=TicketCreateInput,
        response=schema.TICKET_CREATED,
        status=201,
        multipart=True,
    )
    def post(self, request):
        data, files = split_body(request, "media_files")
        validated = self.validated(TicketCreateInput, data)
        ticket, media = services.ticket_create(
            actor=request.user,
            property_id=validated["property"],
            unit_id=validated.get("unit"),
            title=validated["title"],
            description=validated["description"],
            category=validated["category"],
            priority=validated.get("priority"),
            notes=validated.get("notes", ""),
            source=validated.get("source"),
            metadata=validated.get("metadata"),
            files=files,
        )
        payload = {"ticket": ticket_to_dict(ticket)}
        message = "Ticket created successfully"
        if media:
            payload["media"] = [media_to_dict(item) for item in media]
            message = f"Ticket created successfully with {len(media)} media file(s)"
        return Response({"success": True, "data": payload, "message": message}, status=201)


class TicketDetailView(TicketMixin, ApiView):
    policies = {
        "GET": [("read", "MaintenanceTicket")],
        "PATCH": [("update", "MaintenanceTicket")],
        "DELETE": [("delete", "MaintenanceTicket")],
    }
    audit_controller = "MaintenanceTicketsController"
    audit_handlers = {"GET": "findOne", "PATCH": "update", "DELETE": "remove"}

    @doc(TICKETS, "A maintenance ticket", response=schema.TICKET, path=("pk",))
    def get(self, request, pk):
        return Response(selectors.ticket_detail(self.get_ticket(pk)))

    @doc(TICKETS, "Edit a ticket or change its status", request=TicketUpdateInput, path=("pk",))
    def patch(self, request, pk):
        parse_id(pk)
        data = self.parse_body(TicketUpdateInput)
        if not data:
            raise BadRequest("Update data cannot be empty")
        ticket = self.get_ticket(pk)
        ticket = services.ticket_update(ticket=ticket, actor=request.user, data=dict(data))
        return Response(ticket_to_dict(ticket))

    @doc(TICKETS, "Delete an OPEN ticket", response=schema.MESSAGE, path=("pk",))
    def delete(self, request, pk):
        services.ticket_delete(ticket=self.get_ticket(pk, action="delete"))
        return Response({"message": "Ticket deleted successfully"})


class TicketActionView(TicketMixin, ApiView):
    """``POST /maintenance/tickets/:id/<action>``: update-type actions, 201 with the ticket."""

    policies = {"POST": [("update", "MaintenanceTicket")]}
    audit_controller = "MaintenanceTicketsController"
    input_class = EmptyInput

    def perform(self, ticket, data):
        raise NotImplementedError

    def post(self, request, pk):
        parse_id(pk)
        data = self.parse_body(self.input_class)
        ticket = self.get_ticket(pk, action="update")
        result = self.perform(ticket, data)
        return Response(result, status=201)


class TicketAssignView(TicketActionView):
    audit_handlers = {"POST": "assign"}
    input_class = AssignInput

    @doc(TICKETS, "Assign a contractor", request=AssignInput, status=201, path=("pk",))
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, ticket, data):
        return ticket_to_dict(
            services.ticket_assign(
                ticket=ticket, actor=self.request.user, contractor_id=data["contractor_id"]
            )
        )


class TicketAcceptView(TicketActionView):
    audit_handlers = {"POST": "accept"}
    input_class = AcceptInput

    @doc(TICKETS, "Accept the ticket and start work", request=AcceptInput, status=201, path=("pk",))
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, ticket, data):
        return ticket_to_dict(
            services.ticket_accept(ticket=ticket, actor=self.request.user, user_id=data["user_id"])
        )


class TicketRefuseView(TicketActionView):
    audit_handlers = {"POST": "refuse"}
    input_class = RefuseInput

    @doc(TICKETS, "Refuse the ticket", request=RefuseInput, status=201, path=("pk",))
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, ticket, data):
        return ticket_to_dict(
            services.ticket_refuse(
                ticket=ticket, actor=self.request.user, refuse_reason=data.get("refuse_reason")
            )
        )


class TicketCloseView(TicketActionView):
    audit_handlers = {"POST": "close"}

    @doc(TICKETS, "Close the ticket", status=201, path=("pk",))
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, ticket, data):
        return ticket_to_dict(services.ticket_close(ticket=ticket, actor=self.request.user))


class TicketReopenView(TicketActionView):
    audit_handlers = {"POST": "reopen"}

    @doc(TICKETS, "Reopen a DONE or CLOSED ticket", status=201, path=("pk",))
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, ticket, data):
        return ticket_to_dict(services.ticket_reopen(ticket=ticket, actor=self.request.user))


class TicketMarkDoneView(TicketMixin, ApiView):
    policies = {"POST": [("update", "MaintenanceTicket")]}
    audit_controller = "MaintenanceTicketsController"
    audit_handlers = {"POST": "markAsDone"}

    @doc(TICKETS, "Mark the work done (optional proof files)", status=201, path=("pk",))
    def post(self, request, pk):
        parse_id(pk)
        data, files = split_body(request, "media_files")
        self.validated(EmptyInput, data)
        ticket = self.get_ticket(pk, action="update")
        ticket, media = services.ticket_mark_done(ticket=ticket, actor=request.user, files=files)
        body = ticket_to_dict(ticket)
        if media:
            body["work_proof_media"] = [media_to_dict(item) for item in media]
        return Response(body, status=201)


class TicketMediaView(TicketMixin, ApiView):
    policies = {"GET": [("read", "MaintenanceTicket")]}
    audit_controller = "MaintenanceTicketsController"
    audit_handlers = {"GET": "getMedia"}

    @doc(TICKETS, "Files of a ticket", response=schema.MEDIA_LIST, query=MediaQuery, path=("pk",))
    def get(self, request, pk):
        query = self.parse_query(MediaQuery).validated_data
        ticket = self.get_ticket(pk)
        items = selectors.ticket_media(
            ticket, media_type=query.get("media_type"), collection_name=query.get("collection_name")
        )
        return Response({"success": True, "data": [media_to_dict(item) for item in items]})


# -- comments -------------------------------------------------------------------------------------
class CommentMixin(TicketMixin):
    audit_controller = "TicketCommentsController"

    def comment_ticket(self, ticket_id) -> MaintenanceTicket:
        return self.get_ticket(ticket_id, message="Ticket not found or access denied")

    def get_comment(self, ticket, comment_id) -> TicketComment:
        pk = parse_id(comment_id)
        comment = (
            TicketComment.objects.filter(pk=pk, ticket=ticket).select_related("author", "ticket").first()
        )
        if comment is None:
            raise NotFound("Comment not found")
        return comment


class CommentListView(CommentMixin, ApiView):
    audit_handlers = {"GET": "findAll", "POST": "create"}

    @doc(COMMENTS, "Comments of a ticket, oldest first", response=schema.COMMENT_LIST, path=("ticket_id",))
    def get(self, request, ticket_id):
        return Response(selectors.comment_list(self.comment_ticket(ticket_id)))

    @doc(
        COMMENTS, "Comment on a ticket", request=CommentInput, status=201, path=("ticket_id",), multipart=True
    )
    def post(self, request, ticket_id):
        parse_id(ticket_id)
        data, files = split_body(request, "media_files")
        validated = self.validated(CommentInput, data)
        ticket = self.comment_ticket(ticket_id)
        comment, media = services.comment_create(
            ticket=ticket, actor=request.user, content=validated["content"], files=files
        )
        payload = {"comment": comment_to_dict(comment)}
        message = "Comment created successfully"
        if media:
            payload["media"] = [media_to_dict(item) for item in media]
            message = f"Comment created successfully with {len(media)} media file(s)"
        return Response({"success": True, "data": payload, "message": message}, status=201)


class CommentDetailView(CommentMixin, ApiView):
    audit_handlers = {"PATCH": "update", "DELETE": "remove"}

    @doc(COMMENTS, "Edit one's own comment", request=CommentInput, path=("ticket_id", "comment_id"))
    def patch(self, request, ticket_id, comment_id):
        parse_id(ticket_id)
        parse_id(comment_id)
        data = self.parse_body(CommentInput)
        comment = self.get_comment(self.comment_ticket(ticket_id), comment_id)
        comment = services.comment_update(comment=comment, actor=request.user, content=data["content"])
        return Response(comment_to_dict(comment))

    @doc(COMMENTS, "Delete a comment", response=schema.MESSAGE, path=("ticket_id", "comment_id"))
    def delete(self, request, ticket_id, comment_id):
        comment = self.get_comment(self.comment_ticket(ticket_id), comment_id)
        services.comment_delete(comment=comment, actor=request.user)
        return Response({"message": "Comment deleted successfully"})


class CommentMediaView(CommentMixin, ApiView):
    audit_handlers = {"GET": "getMedia"}

    @doc(
        COMMENTS,
        "Files of a comment",
        response=schema.MEDIA_LIST,
        query=MediaQuery,
        path=("ticket_id", "comment_id"),
    )
    def get(self, request, ticket_id, comment_id):
        query = self.parse_query(MediaQuery).validated_data
        comment = self.get_comment(self.comment_ticket(ticket_id), comment_id)
        from apps.media.services import media_for_owners

        collections = [query["collection_name"]] if query.get("collection_name") else None
        items = media_for_owners("TicketComment", [comment.pk], collections=collections).get(comment.pk, [])
        items = [item for item in items if not query.get("media_type") or item.type == query["media_type"]]
        return Response({"success": True, "data": [media_to_dict(item) for item in items]})
