"""A URL conf of small demo views that exercise the API conventions in isolation."""

from django.urls import path
from rest_framework import serializers
from rest_framework.response import Response

from apps.accounts.models import User
from apps.core.models import AuditLog
from apps.core.pagination import ListQuery, search_filter
from apps.core.serializers import InputSerializer, RecordSerializer, record_meta_fields
from apps.core.views import ApiView
from myte.urls import handler404, handler500  # noqa: F401
from myte.urls import urlpatterns as project_urlpatterns


class DemoItemInput(InputSerializer):
    email = serializers.EmailField()
    name = serializers.CharField(min_length=2, max_length=10)
    kind = serializers.ChoiceField(choices=["tenant", "contractor", "landlord-staff"])
    count = serializers.IntegerField(required=False, min_value=1)
    first_name = serializers.CharField(required=False)


class AuditRecordOutput(RecordSerializer):
    class Meta:
        model = AuditLog
        fields = record_meta_fields("user_id", "action", soft_delete=False)


class DemoListQuery(ListQuery):
    sortable = {"createdAt": "created_at", "action": "action"}


class DemoItemsView(ApiView):
    def get(self, request):
        query = self.parse_query(DemoListQuery)
        queryset = AuditLog.objects.all()
        clause = search_filter(query.validated_data.get("search"), "action")
        if clause is not None:
            queryset = queryset.filter(clause)
        return Response(
            query.page_of(
                queryset,
                serialize=lambda rows: AuditRecordOutput(rows, many=True).data,
            )
        )

    def post(self, request):
        data = self.parse_body(DemoItemInput)
        return Response(data, status=201)


class DemoUserView(ApiView):
    def get(self, request, pk):
        user = self.load(User, pk, not_found="User not found")
        return Response({"_id": str(user.pk), "user_type": user.user_type, "first_name": user.first_name})


class DemoPolicyView(ApiView):
    policies = {"POST": [("create", "Tenant")]}

    def post(self, request):
        data = self.parse_body(DemoItemInput)
        return Response(data, status=201)


class DemoBoomView(ApiView):
    public = True

    def get(self, request):
        raise RuntimeError("secret internal detail")


class CsrfTestView(ApiView):
    def post(self, request):
        return Response({"ok": True}, status=201)


class DemoWhoAmIView(ApiView):
    """Public: reports the principal of the active access scope (to prove scopes do not leak)."""

    public = True

    def get(self, request):
        from apps.core.scope import active_principal

        principal = active_principal()
        return Response(
            {
                "kind": principal.kind if principal else None,
                "label": principal.label if principal else None,
                "visible_users": sorted(str(pk) for pk in User.objects.values_list("pk", flat=True))
                if principal and not principal.is_anonymous
                else None,
            }
        )


class DemoSecretInput(InputSerializer):
    email = serializers.EmailField()
    password = serializers.CharField()
    api_key = serializers.CharField(required=False)


class DemoAuditedView(ApiView):
    audit_controller = "UsersController"
    audit_handlers = {"POST": "create", "GET": "findOne"}

    def get(self, request, pk):
        return Response(list(range(15)))

    def post(self, request, pk):
        data = self.parse_body(DemoSecretInput)
        return Response({"email": data["email"]}, status=201)


class DemoLimitedView(ApiView):
    public = True
    rate_limit = "3/minute"

    def post(self, request):
        return Response({"ok": True}, status=201)


urlpatterns = [
    path("demo/items", DemoItemsView.as_view()),
    path("demo/users/<str:pk>", DemoUserView.as_view()),
    path("demo/policy", DemoPolicyView.as_view()),
    path("demo/boom", DemoBoomView.as_view()),
    path("demo/limited", DemoLimitedView.as_view()),
    path("demo/whoami", DemoWhoAmIView.as_view()),
    path("demo/audited/<str:pk>", DemoAuditedView.as_view()),
    path("csrf-test", CsrfTestView.as_view()),
    *project_urlpatterns,
]
