"""Isolation entries for the core routes: none of them carries tenant data."""

EXEMPT = {
    ("health", "GET"): "public liveness probe, returns only {status: ok}",
    ("health-db", "GET"): "public database probe, returns only up/down and the engine name",
    ("health-redis", "GET"): "public Redis probe, returns only up/down",
}
