"""WebSocket routes: chat and notifications (spec 08, DESIGN section 8)."""

from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import re_path

from apps.chat.consumers import ChatConsumer
from apps.notifications.consumers import NotificationConsumer

websocket_urlpatterns: list = [
    re_path(r"^ws/chat/?$", ChatConsumer.as_asgi()),
    re_path(r"^ws/notifications/?$", NotificationConsumer.as_asgi()),
]

websocket_application = AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns))
