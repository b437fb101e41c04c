"""Stable identifiers for records published outside the platform.

Open data (HSDS wants a UUID for every record) and credentials (the learner as a URI) need an
id that is the same in every export and never reveals the database's numbering order by
itself. A name-based UUID (RFC 9562 version 5) of the record's kind and key under the
platform's own namespace is both: the same record always gets the same UUID, with no column
to store or migrate.
"""

from __future__ import annotations

import uuid

# Fixed for good: changing it would change every published id.
PLATFORM_NAMESPACE = uuid.UUID("5b0e6f2a-3c1d-5e4f-9a8b-7c6d5e4f3a2b")


def stable_uuid(kind: str, key: object) -> uuid.UUID:
    return uuid.uuid5(PLATFORM_NAMESPACE, f"{kind}/{key}")
