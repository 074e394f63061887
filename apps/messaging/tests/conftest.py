from apps.messaging.fixtures import private_redis, redis_server, smtp_sink, twilio  # noqa: F401
