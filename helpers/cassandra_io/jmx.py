"""JMX on a Cassandra node over HTTP/JSON, through the Jolokia agent every sandbox node runs.

nodetool is a JMX client: it reads MBean attributes and calls MBean operations over RMI. Here the
same MBeans are read and called over HTTP (helpers.sandbox.jolokia), from Python, on any Java.
A node is named as in the sandbox ("cassandra1") or by its address ("127.0.0.1").
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from helpers.common.errors import ServiceUnavailable, WorkshopError
from helpers.sandbox import jolokia, topology

TIMEOUT_S = 30.0
STORAGE_SERVICE = "org.apache.cassandra.db:type=StorageService"


class JmxError(WorkshopError):
    """The node answered, but the MBean read, write or operation failed (the message names both)."""


def address_of(node: str) -> str:
    """The address of a sandbox node name ("cassandra2"), or the address itself."""
    return node if node[:1].isdigit() else topology.by_name(node).address


def request(node: str, body: dict | list, timeout_s: float = TIMEOUT_S) -> dict | list:
    """Send one Jolokia request (or a list of them, answered in one round trip); return the raw response."""
    url = jolokia.url(address_of(node))
    data = json.dumps(body).encode()
    post = urllib.request.Request(url, data, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(post, timeout=timeout_s) as response:
            return json.loads(response.read())
    except (TimeoutError, urllib.error.URLError, ConnectionError) as error:
        raise ServiceUnavailable(
            f"The JMX agent of {node} ({url}) does not answer: {getattr(error, 'reason', error)}. "
            "Is the node up? `python -m helpers.sandbox status` tells, `python -m helpers.sandbox up` starts it. "
            "A node started by an older sandbox, without the agent, needs a restart (`down`, then `up`); "
            "a busy node may answer if you try again."
        ) from error


def value(node: str, response: dict) -> object:
    """The value of one Jolokia response; JmxError naming the node and the MBean if it failed."""
    if response.get("status") != 200:
        asked = response.get("request", {})
        what = asked.get("operation") or asked.get("attribute") or asked.get("type")
        kind = str(response.get("error_type", "error")).rsplit(".", 1)[-1]
        if kind == "InstanceNotFoundException":
            kind += " (no such MBean: is the keyspace or table name right?)"
        where = f"{asked.get('mbean')} on {node}"
        raise JmxError(f"JMX {asked.get('type')} {what!r} of {where} failed: {kind}: {response.get('error')}")
    return response.get("value")


def read(node: str, mbean: str, attribute: str | list[str] | None = None, timeout_s: float = TIMEOUT_S) -> object:
    """An attribute's value (a dict for a list of attributes, or for all of them when `attribute` is None)."""
    body = {"type": "read", "mbean": mbean, **({"attribute": attribute} if attribute else {})}
    return value(node, request(node, body, timeout_s))


def read_many(node: str, reads: list[tuple[str, str]], timeout_s: float = TIMEOUT_S) -> list[object]:
    """The values of several (mbean, attribute) pairs, read in one round trip."""
    body = [{"type": "read", "mbean": mbean, "attribute": attribute} for mbean, attribute in reads]
    return [value(node, r) for r in request(node, body, timeout_s)]


def write(node: str, mbean: str, attribute: str, new_value: object, timeout_s: float = TIMEOUT_S) -> object:
    """Set an attribute; returns its previous value."""
    body = {"type": "write", "mbean": mbean, "attribute": attribute, "value": new_value}
    return value(node, request(node, body, timeout_s))


def execute(node: str, mbean: str, operation: str, *arguments: object, timeout_s: float = TIMEOUT_S) -> object:
    """Call an operation. An overloaded one is named with its signature, e.g. "op(java.lang.String,int)"."""
    body = {"type": "exec", "mbean": mbean, "operation": operation, "arguments": list(arguments)}
    return value(node, request(node, body, timeout_s))


def search(node: str, pattern: str, timeout_s: float = TIMEOUT_S) -> list[str]:
    """The names of the MBeans that match an ObjectName pattern, e.g. "org.apache.cassandra.db:type=Tables,*"."""
    return sorted(value(node, request(node, {"type": "search", "mbean": pattern}, timeout_s)) or [])


@contextmanager
def notifications(node: str, mbean: str) -> Iterator[Callable[[], list[dict]]]:
    """Listen to an MBean's JMX notifications (as nodetool does for repair progress); yields pull(),
    which returns the notifications received since the last call (dicts: type, source, message, userData)."""
    client = value(node, request(node, {"type": "notification", "command": "register"}))
    client_id, store = client["id"], client["backend"]["pull"]["store"]
    try:
        listen = {"type": "notification", "command": "add", "client": client_id, "mode": "pull", "mbean": mbean}
        handle = value(node, request(node, listen))
        # the store answers null until the first notification arrives
        yield lambda: (execute(node, store, "pull", client_id, handle) or {}).get("notifications") or []
    finally:
        request(node, {"type": "notification", "command": "unregister", "client": client_id})
