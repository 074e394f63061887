"""Isolation cases of the AI routes (see ``tests/isolation.py``).

None of them reads or writes a record: the invoice extraction answers from the uploaded file alone
(any signed-in user, nothing stored) and the landing chatbot routes are public and answer from the
conversation in the request. There is no tenant data for another landlord to reach.
"""

EXEMPT = {
    ("ai:extract-invoice-data", "POST"): (
        "No tenant data: the answer comes from the uploaded file only and nothing is stored "
        "(spec 09 section 1)"
    ),
    ("ai:chat", "POST"): "Public landing chatbot: answers the conversation in the request, reads no record",
    ("ai:chat-stream", "POST"): "Public landing chatbot (streamed): reads no record",
    ("ai:marketing-chat", "POST"): "Public marketing chatbot: reads no record",
}
