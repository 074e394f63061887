# Myte Estates API - one image for the api, worker and scheduler services.
FROM python:3.11-slim AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_READ_DOT_ENV_FILE=false \
    APP_PORT=3000

# WeasyPrint's libraries (PDF leases and receipts) and a font; nothing else is needed at run time.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# Static files (admin, Swagger UI from drf-spectacular-sidecar) are served by WhiteNoise.
RUN python manage.py collectstatic --noinput --verbosity 0 && rm -rf /app/.secrets

# The process writes only to the media folders (public uploads and private documents) and, when no
# secrets are configured outside production, to .secrets/ (generated per container, never baked in).
RUN useradd --create-home --uid 10001 myte \
 && mkdir -p /app/uploads /app/uploads-private /app/.secrets \
 && chown -R myte:myte /app/uploads /app/uploads-private /app/.secrets
USER myte

EXPOSE 3000
# Polls /health with a Host header the API accepts (the first of DJANGO_ALLOWED_HOSTS).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD python -c "\
import os, urllib.request as r; \
host = (os.environ.get('DJANGO_ALLOWED_HOSTS') or 'localhost').split(',')[0].strip().lstrip('.'); \
host = 'localhost' if host in ('', '*') else host; \
port = os.environ.get('APP_PORT', '3000'); \
r.urlopen(r.Request(f'http://127.0.0.1:{port}/health', headers={'Host': host}), timeout=4)"

# HTTP and WebSocket. Proxy headers are judged by Django (TRUSTED_PROXIES), not by uvicorn.
CMD ["sh", "-c", "exec uvicorn myte.asgi:application --host 0.0.0.0 --port ${APP_PORT} --no-proxy-headers --workers ${WEB_CONCURRENCY:-2}"]
