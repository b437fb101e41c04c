"""Logs that can be followed across processes: every record carries the id of the request it
belongs to (core.context; the same id is returned as X-Request-ID and kept in the audit log),
and with LOG_FORMAT=json each record is one JSON object per line, for a log collector."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from learningcity.core import context

# Attributes every LogRecord has; anything else was passed with `extra=` and is kept.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (and the channel: web, api, admin, command) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        acting = context.current()
        # Django logs a 4xx/5xx response after the middleware has closed the request's context,
        # passing the request along: its id is on it (core.middleware).
        request = getattr(record, "request", None)
        record.request_id = acting.request_id or getattr(request, "request_id", "") or "-"
        record.channel = acting.channel
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value if isinstance(value, str | int | float | bool | None) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
