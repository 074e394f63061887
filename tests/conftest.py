from apps.messaging.fixtures import private_redis, redis_server  # noqa: F401 - the scheduler tests use them
