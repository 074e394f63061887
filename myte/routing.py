"""WebSocket routes: chat and notifications (spec 08, DESIGN section 8).

Origins: a browser always sends ``Origin`` on a WebSocket handshake, so it is checked against the
same list as CORS (``CORS_ORIGINS_*``) plus the API's own hosts; with no CORS list configured any
origin is accepted, as the original's gateways did ("CORS: any origin"). A handshake without
``Origin`` comes from a non-browser client, which cannot be abused cross-site, and is accepted;
it still needs a valid access token.
"""

from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import URLRouter
from channels.security.websocket import OriginValidator
from django.conf import settings
from django.urls import re_path

from apps.chat.consumers import ChatConsumer
from apps.notifications.consumers import NotificationConsumer

UNKNOWN_PATH = 4404


class UnknownPathConsumer(AsyncWebsocketConsumer):
    """Any other path: the handshake is refused with a close (not an ASGI routing exception)."""

    async def connect(self):
        await self.close(code=UNKNOWN_PATH)


websocket_urlpatterns: list = [
    re_path(r"^ws/chat/?$", ChatConsumer.as_asgi()),
    re_path(r"^ws/notifications/?$", NotificationConsumer.as_asgi()),
    re_path(r"", UnknownPathConsumer.as_asgi()),
]


def allowed_origins() -> list[str]:
    if getattr(settings, "CORS_ALLOW_ALL_ORIGINS", False) or "*" in settings.ALLOWED_HOSTS:
        return ["*"]
    return [*settings.CORS_ALLOWED_ORIGINS, *settings.ALLOWED_HOSTS]


class BrowserOriginValidator(OriginValidator):
    """Checks ``Origin`` when there is one; clients that send none are not browsers."""

    def valid_origin(self, parsed_origin):
        if parsed_origin is None:
            return True
        return self.validate_origin(parsed_origin)


websocket_application = BrowserOriginValidator(URLRouter(websocket_urlpatterns), allowed_origins())
