import factory

from apps.accounts.tests.factories import TenantUserFactory
from apps.notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(TenantUserFactory)
    title = factory.Sequence(lambda n: f"Notice {n}")
    content = "Something happened"
    action_url = "/dashboard/tenant"
