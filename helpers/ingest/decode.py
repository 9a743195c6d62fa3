"""Turn one Kafka message value into a row to store, or the reason it cannot be stored.

The checks on the decoded object are helpers.data's (:func:`helpers.data.validate_record`):
the same rules and reasons as the bulk loader's. Before them come what only a message can
get wrong: no value at all, too many bytes, not UTF-8, not JSON.
"""

from __future__ import annotations

import json

from helpers.data import validate_record

MAX_MESSAGE_BYTES = 64 * 1024
"""A reading is under 100 bytes; anything above 64 KiB is not one (the broker accepts up to 1 MiB)."""

EMPTY = "empty message"
NOT_UTF8 = "not UTF-8"
NOT_JSON = "not JSON"
OVERSIZED = "oversized payload"


def decode(value: bytes | None, now=None) -> tuple[dict | None, str | None]:
    """``(row, None)`` for a storable message, ``(None, reason)`` otherwise; never raises.

    ``now`` bounds timestamps in the future (default: the clock; pass it once per batch).
    """
    if not value:
        return None, EMPTY
    if len(value) > MAX_MESSAGE_BYTES:
        return None, f"{OVERSIZED}: {len(value)} bytes > {MAX_MESSAGE_BYTES}"
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        return None, NOT_UTF8
    try:
        message = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return None, NOT_JSON
    row, reason = validate_record(message, now)
    return row, None if reason is None else str(reason)
