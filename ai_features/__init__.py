"""Myte AI API: the invoice classifier and the voice assistant (spec 09 sections 0, 4-6).

A FastAPI app of its own (``make ai``). It calls OpenAI when ``OPENAI_API_KEY`` is set and falls
back to local models otherwise: pypdf text extraction with a rule-based expense classifier for
invoices, pocketsphinx for speech, keyword rules for ticket suggestions.
"""
