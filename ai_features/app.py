"""The FastAPI application: ``uvicorn ai_features.app:app`` (``make ai``)."""

from __future__ import annotations

from fastapi import Depends, FastAPI

from ai_features import invoices, voice
from ai_features.security import require_caller


def create_app() -> FastAPI:
    app = FastAPI(title="Myte AI API", version="1.0.0")
    guarded = [Depends(require_caller)]
    app.include_router(invoices.router, prefix="/invoice-classifier", dependencies=guarded)
    app.include_router(voice.router, prefix="/voice-assistant", dependencies=guarded)

    @app.get("/health", tags=["health"])
    def health() -> dict:
        return {"status": "ok"}

    return app


app = create_app()
