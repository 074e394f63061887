"""Cross-tenant cases of the lease, signing, rental period, transaction and deposit routes.

Landlord B's people (admin, staff, tenant, contractor) attack landlord A's records: a record
outside the caller's scope is a 404 (a contractor, party to no lease, is refused with 403 before
any lookup) and nothing changes. List and aggregate routes answer 200 with the caller's own data;
their check calls them again as each attacker and asserts that A's records are absent.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from apps.leases.models import Lease, LeaseSignatureToken, RentalPeriod, Transaction
from tests.isolation import Case, bearer_client

B_SIDE = ("admin_b", "staff_b", "tenant_b", "contractor_b")
REFUSED = (403, 404)


# -- records of A -------------------------------------------------------------------------------
def _lease(w) -> Lease:
    if "lease" not in w.extra:
        from apps.leases.tests.factories import active_lease
        from apps.properties.tests.factories import PropertyFactory, UnitFactory

        prop = PropertyFactory(landlord=w.landlord_a, name="A's building")
        unit = UnitFactory(property=prop, unit_number="A-1")
        w.extra["lease"] = active_lease(
            unit=unit,
            tenant=w.tenant_org_a,
            is_security_deposit=True,
            security_deposit_amount=Decimal("500.00"),
        )
        w.extra["snapshot"] = _snapshot(w)
    return w.extra["lease"]


def _draft(w) -> Lease:
    if "draft" not in w.extra:
        from apps.leases.tests.factories import LeaseFactory
        from apps.properties.tests.factories import UnitFactory

        lease = _lease(w)
        w.extra["draft"] = LeaseFactory(
            unit=UnitFactory(property=lease.unit.property, unit_number="A-2"), tenant=w.tenant_org_a
        )
        w.extra["snapshot"] = _snapshot(w)
    return w.extra["draft"]


def _period(w) -> RentalPeriod:
    return RentalPeriod.objects.unscoped().get(lease=_lease(w))


def _tx(w) -> Transaction:
    return Transaction.objects.unscoped().filter(lease=_lease(w), type="RENT").order_by("due_date").first()


def _media(w, owner):
    from apps.media.models import Media

    w.extra["media"] = Media.objects.unscoped().create(
        model_type=type(owner).__name__,
        model_id=owner.pk,
        landlord_id=w.landlord_a.pk,
        name="a.pdf",
        file_name="a.pdf",
        mime_type="application/pdf",
        type="document",
        path=f"a/{uuid.uuid4()}.pdf",
        collection_name="lease_documents",
    )
    w.extra["snapshot"] = _snapshot(w)
    return w.extra["media"]


def _snapshot(w) -> tuple:
    from apps.media.models import Media

    return (
        tuple(
            Lease.objects.including_deleted().order_by("id").values_list("id", "status", "version", "deleted")
        ),
        tuple(RentalPeriod.objects.including_deleted().order_by("id").values_list("id", "status", "version")),
        tuple(
            Transaction.objects.including_deleted()
            .order_by("id")
            .values_list("id", "status", "amount", "version", "deleted")
        ),
        tuple(LeaseSignatureToken.objects.including_deleted().values_list("id", "status")),
        Media.objects.unscoped().count(),
    )


def _unchanged(w, path):
    assert _snapshot(w) == w.extra["snapshot"], f"{path} changed A's records"


def _listing_excludes(*keys, items=lambda body: body["data"], ident="_id"):
    def check(w, path):
        hidden = {str(w.extra[key].pk) for key in keys}
        for attacker in B_SIDE:
            response = bearer_client(getattr(w, attacker)).get(path)
            if attacker == "contractor_b":
                assert response.status_code == 403, response.content
                continue
            assert response.status_code == 200, (attacker, response.content)
            listed = {str(item.get(ident)) for item in items(response.json())}
            assert not hidden & listed, f"{attacker} sees A's record at {path}"
        _unchanged(w, path)

    return check


def _tx_listing(w, path):
    hidden = {str(tx.pk) for tx in Transaction.objects.unscoped().filter(landlord=w.landlord_a)}
    for attacker in ("admin_b", "staff_b", "tenant_b"):
        data = bearer_client(getattr(w, attacker)).get(path).json()["data"]
        assert not hidden & {item["_id"] for item in data}
    _unchanged(w, path)


def _rent_roll_empty(w, path):
    for attacker in ("admin_b", "staff_b", "tenant_b"):
        data = bearer_client(getattr(w, attacker)).get(path).json()
        assert data["rentRoll"] == [] and data["total"] == 0, data
        assert data["summary"]["totalMonthlyRent"] == 0
    _unchanged(w, path)


def _deposit_summary_empty(w, path):
    for attacker in ("admin_b", "staff_b", "tenant_b"):
        data = bearer_client(getattr(w, attacker)).get(path).json()
        assert data["totalDeposits"] == 0, data
    _unchanged(w, path)


def _l(suffix=""):
    return lambda w: f"/leases/{_lease(w).pk}{suffix}"


def _t(suffix=""):
    return lambda w: f"/transactions/{_tx(w).pk}{suffix}"


def _pdf(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")}


def _refused(route, method, build, body=None, **extra):
    return Case(
        route, method, build=build, body=body, attackers=B_SIDE, expect=REFUSED, unchanged=_unchanged, **extra
    )


def _foreign_lease_body(w):
    return {"lease": str(_lease(w).pk), "amount": 10, "dueDate": "2030-01-01", "type": "FEES"}


def _foreign_unit_body(w):
    lease = _lease(w)
    return {
        "unit": str(lease.unit_id),
        "tenant": str(w.tenant_org_a.pk),
        "startDate": "2030-01-01",
        "endDate": "2030-12-31",
        "rentAmount": 10,
        "paymentCycle": "MONTHLY",
    }


CASES = [
    # leases
    Case(
        "leases:list",
        "GET",
        build=lambda w: (_lease(w), "/leases?limit=100")[1],
        attackers=B_SIDE,
        expect=(200, 403),
        unchanged=_listing_excludes("lease"),
    ),
    Case(
        "leases:list",
        "POST",
        build=lambda w: (_lease(w), "/leases")[1],
        body=_foreign_unit_body,
        attackers=B_SIDE,
        expect=REFUSED,
        unchanged=_unchanged,
    ),
    Case(
        "leases:rent-roll",
        "GET",
        build=lambda w: (_lease(w), "/leases/rent-roll")[1],
        attackers=B_SIDE,
        expect=(200, 403),
        unchanged=_rent_roll_empty,
    ),
    _refused("leases:detail", "GET", _l()),
    _refused("leases:detail", "PATCH", _l(), body={"terms": "from B"}),
    _refused("leases:detail", "DELETE", lambda w: f"/leases/{_draft(w).pk}"),
    _refused("leases:terminate", "POST", _l("/terminate"), body={"terminationDate": "2026-01-01"}),
    _refused("leases:renew", "POST", _l("/renew"), body={"desiredEndDate": "2040-01-01"}),
    _refused("leases:deposit-assessment", "GET", _l("/deposit-assessment")),
    _refused(
        "leases:deposit-assessment",
        "POST",
        _l("/deposit-assessment"),
        body={"finalRefundAmount": 500, "refundReason": "B"},
    ),
    _refused("leases:current-period", "GET", _l("/rental-periods/current")),
    _refused(
        "leases:period-payment",
        "GET",
        lambda w: f"/leases/{_lease(w).pk}/rental-periods/{_period(w).pk}/payment",
    ),
    _refused("leases:lease-periods", "GET", _l("/rental-periods")),
    _refused("leases:lease-transaction-summary", "GET", _l("/transactions/summary")),
    _refused("leases:lease-transactions", "GET", _l("/transactions")),
    _refused("leases:send-for-signature", "POST", lambda w: f"/leases/{_draft(w).pk}/send-for-signature"),
    _refused("leases:preview-pdf", "GET", _l("/preview-pdf")),
    _refused("leases:signature-status", "GET", _l("/signature-status")),
    _refused("leases:signed-pdf", "GET", _l("/signed-pdf")),
    _refused("leases:lease-media", "GET", _l("/media")),
    _refused("leases:lease-documents", "GET", _l("/documents")),
    _refused("leases:lease-contracts", "GET", _l("/contracts")),
    Case(
        "leases:lease-media-upload",
        "POST",
        build=_l("/media/upload"),
        body=_pdf,
        format="multipart",
        attackers=B_SIDE,
        expect=REFUSED,
        unchanged=_unchanged,
    ),
    _refused(
        "leases:lease-media-delete",
        "DELETE",
        lambda w: f"/leases/{_lease(w).pk}/media/{_media(w, _lease(w)).pk}",
    ),
    _refused(
        "leases:lease-media-url",
        "GET",
        lambda w: f"/leases/{_lease(w).pk}/media/{_media(w, _lease(w)).pk}/url",
    ),
    # rental periods
    Case(
        "leases:periods",
        "GET",
        build=lambda w: (_lease(w), "/rental-periods?limit=100")[1],
        attackers=B_SIDE,
        expect=(200, 403),
        unchanged=lambda w, path: (
            w.extra.__setitem__("period", _period(w)),
            _listing_excludes("period")(w, path),
        ),
    ),
    _refused("leases:period-detail", "GET", lambda w: f"/rental-periods/{_period(w).pk}"),
    _refused("leases:rent-history", "GET", lambda w: f"/rental-periods/lease/{_lease(w).pk}/rent-history"),
    _refused("leases:renewal-chain", "GET", lambda w: f"/rental-periods/{_period(w).pk}/renewal-chain"),
    # transactions
    Case(
        "leases:transactions",
        "GET",
        build=lambda w: (_lease(w), "/transactions?limit=100")[1],
        attackers=B_SIDE,
        expect=(200, 403),
        unchanged=_tx_listing,
    ),
    Case(
        "leases:transactions",
        "POST",
        build=lambda w: (_lease(w), "/transactions")[1],
        body=_foreign_lease_body,
        attackers=B_SIDE,
        expect=REFUSED,
        unchanged=_unchanged,
    ),
    _refused("leases:transaction-detail", "GET", _t()),
    _refused("leases:transaction-detail", "PATCH", _t(), body={"amount": 1}),
    _refused("leases:transaction-detail", "DELETE", _t()),
    _refused("leases:transaction-process", "POST", _t("/process")),
    _refused("leases:mark-as-paid", "POST", _t("/mark-as-paid"), body={"paymentMethod": "CASH"}),
    _refused("leases:mark-as-not-paid", "POST", _t("/mark-as-not-paid")),
    _refused("leases:transaction-media", "GET", _t("/media")),
    _refused("leases:transaction-receipts", "GET", _t("/receipts")),
    _refused("leases:transaction-documents", "GET", _t("/documents")),
    Case(
        "leases:transaction-media-upload",
        "POST",
        build=_t("/media/upload"),
        body=_pdf,
        format="multipart",
        attackers=B_SIDE,
        expect=REFUSED,
        unchanged=_unchanged,
    ),
    _refused(
        "leases:transaction-media-delete",
        "DELETE",
        lambda w: f"/transactions/{_tx(w).pk}/media/{_media(w, _tx(w)).pk}",
    ),
    _refused(
        "leases:transaction-media-url",
        "GET",
        lambda w: f"/transactions/{_tx(w).pk}/media/{_media(w, _tx(w)).pk}/url",
    ),
    # deposits
    Case(
        "leases:deposits",
        "GET",
        build=lambda w: (_lease(w), "/deposits?limit=100")[1],
        attackers=B_SIDE,
        expect=(200, 403),
        unchanged=_listing_excludes("lease", ident="id"),
    ),
    Case(
        "leases:deposit-summary",
        "GET",
        build=lambda w: (_lease(w), "/deposits/summary")[1],
        attackers=B_SIDE,
        expect=(200, 403),
        unchanged=_deposit_summary_empty,
    ),
    _refused("leases:deposit-detail", "GET", lambda w: f"/deposits/{_lease(w).pk}"),
    # admin console (SuperAdmin only)
    _refused("leases-admin:admin-leases", "GET", lambda w: (_lease(w), "/admin/leases")[1]),
    _refused("leases-admin:admin-lease-detail", "GET", lambda w: f"/admin/leases/{_lease(w).pk}"),
    _refused("leases-admin:admin-transactions", "GET", lambda w: (_lease(w), "/admin/transactions")[1]),
    _refused("leases-admin:admin-transaction-detail", "GET", lambda w: f"/admin/transactions/{_tx(w).pk}"),
]

EXEMPT = {
    ("leases:sign", "GET"): (
        "public signing link: the path carries a 64-hex secret whose hash is looked up; no id to "
        "enumerate. Wrong, used, expired and stale tokens are covered in apps/leases/tests/test_signing.py"
    ),
    ("leases:sign", "POST"): "public signing link (see GET); covered in apps/leases/tests/test_signing.py",
    (
        "leases:sign-preview",
        "GET",
    ): "public signing link (see GET); covered in apps/leases/tests/test_signing.py",
}
