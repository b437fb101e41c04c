from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str) -> int:
    """How many queries a page takes (compared before and after adding data)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)
