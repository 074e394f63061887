"""WebSocket routes. The chat and notification consumers register here as they arrive."""

from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator

websocket_urlpatterns: list = []

websocket_application = AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns))
