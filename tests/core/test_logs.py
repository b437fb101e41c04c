"""Structured logs: every record carries the request id; LOG_FORMAT=json writes one JSON
object per line."""

import io
import json
import logging

from learningcity.core import context
from learningcity.core.logs import JsonFormatter, RequestIdFilter


def json_handler():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    return handler, stream


def test_a_record_is_one_json_line_with_the_request_id_and_extras():
    handler, stream = json_handler()
    logger = logging.getLogger("learningcity.test-logs")
    logger.addHandler(handler)
    try:
        with context.acting(channel="api", request_id="req-42"):
            logger.warning("تعذر إرسال %s", "الإشعار", extra={"webhook": 7})
        logger.warning("outside a request")
    finally:
        logger.removeHandler(handler)
    inside, outside = (json.loads(line) for line in stream.getvalue().splitlines())
    assert inside["message"] == "تعذر إرسال الإشعار" and inside["level"] == "WARNING"
    assert inside["request_id"] == "req-42" and inside["channel"] == "api" and inside["webhook"] == 7
    assert outside["request_id"] == "-"


def test_a_request_logs_with_the_id_it_was_given(client, db):
    handler, stream = json_handler()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/ar/no-such-page/", headers={"X-Request-ID": "proxy-7f3a"})
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404 and response["X-Request-ID"] == "proxy-7f3a"
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert entry["request_id"] == "proxy-7f3a" and entry["status_code"] == 404
    assert "Not Found" in entry["message"]


def test_an_exception_is_kept_in_the_entry():
    handler, stream = json_handler()
    logger = logging.getLogger("learningcity.test-logs")
    logger.addHandler(handler)
    try:
        try:
            raise ValueError("bad row")
        except ValueError:
            logger.exception("import failed")
    finally:
        logger.removeHandler(handler)
    entry = json.loads(stream.getvalue())
    assert "ValueError: bad row" in entry["exception"]
