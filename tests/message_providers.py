"""A local HTTP server that answers as the messaging providers' documented APIs do, so the
platform's SMS and WhatsApp back-ends are tested over real HTTP, request and answer, and never
against a mock of our own code:

- Unifonic (docs.unifonic.com, "Sending your first SMS via Unifonic API"): POST
  /rest/SMS/messages, form fields AppSid, SenderID, Recipient (international, no + or 00), Body,
  responseType=JSON; answers {"success", "message", "errorCode", "data": {"MessageID",
  "NumberOfUnits", …}}; its non-delivery codes ER-01 … ER-09.
- Taqnyat (dev.taqnyat.sa, "Message send"): POST /v1/messages, Authorization: Bearer, JSON
  {"recipients": [...], "body", "sender"}; 201 {"statusCode", "messageId", "accepted",
  "rejected", "msgLength", …}; 401 {"statusCode": 401, "message"} for a bad token.
- WhatsApp Business Cloud API: POST /<version>/<phone-number id>/messages, Bearer, JSON with
  messaging_product "whatsapp" and a template; answers {"messaging_product", "contacts",
  "messages": [{"id": "wamid…"}]} or {"error": {"message", "type", "code", "fbtrace_id"}}.

`mode` makes it misbehave as providers do: "down" (HTTP 500), "slow" (answers after the
client's timeout), or one of the documented error answers."""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

APP_SID = "test-app-sid"
TAQNYAT_TOKEN = "test-taqnyat-token"
WHATSAPP_TOKEN = "test-whatsapp-token"
PHONE_NUMBER_ID = "106540352242922"
SENDER = "MadinahEdu"


def _units(body: str) -> int:
    ucs2 = any(ord(character) > 0x7F for character in body)
    single, multi = (70, 67) if ucs2 else (160, 153)
    units = len(body.encode("utf-16-le")) // 2 if ucs2 else len(body)
    return 1 if units <= single else -(-units // multi)


@dataclass
class Providers:
    url: str = ""
    mode: str = "ok"
    slow_seconds: float = 3.0
    received: list[dict[str, Any]] = field(default_factory=list)

    def sms_to(self, number: str) -> list[str]:
        return [
            request["body"]
            for request in self.received
            if request["provider"] in ("unifonic", "taqnyat") and number in request["to"]
        ]

    def unifonic_receipt(self, number: str, dlr: str = "Delivered") -> dict[str, str]:
        """The receipt Unifonic would call the DLR webhook with for the last text to `number`."""
        sent = [
            request
            for request in self.received
            if request["provider"] == "unifonic" and number in request["to"]
        ]
        return {
            "MessageID": sent[-1]["message_id"], "DLR": dlr, "Recipient": number,
            "TimeCreated": "2026-12-06 09:00:00", "SCTS": "2026-12-06 09:00:04", "DLRTimestamp": "2026-12-06 09:00:05",
        }  # fmt: skip


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that stopped waiting (the "slow" provider's timeout) closed the connection
        # before the answer: expected here, not worth a traceback in the test output.
        pass


def start() -> tuple[ThreadingHTTPServer, Providers]:
    state = Providers()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def _answer(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:  # http.server's name
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8")
            path = urlparse(self.path).path
            if state.mode == "down":
                return self._answer(500, {"message": "Internal Server Error"})
            if state.mode == "slow":
                time.sleep(state.slow_seconds)
            if path == "/rest/SMS/messages":
                return self._unifonic({key: values[0] for key, values in parse_qs(raw).items()})
            if path == "/v1/messages":
                return self._taqnyat(json.loads(raw or "{}"))
            if path.endswith(f"/{PHONE_NUMBER_ID}/messages"):
                return self._whatsapp(json.loads(raw or "{}"))
            return self._answer(404, {"message": "Not Found"})

        def _unifonic(self, form: dict[str, str]) -> None:
            if form.get("AppSid") != APP_SID:
                return self._answer(
                    401, {"success": False, "message": "Invalid AppSid", "errorCode": "ER-00", "data": None}
                )
            recipient, body = form.get("Recipient", ""), form.get("Body", "")
            error = (
                ("ER-01", "No rate found or insufficient funds") if state.mode == "no_balance"
                else ("ER-02", "Invalid destination number") if not (recipient.isdigit() and recipient.startswith("9665") and len(recipient) == 12)
                else ("ER-06", "Invalid or empty message body") if not body.strip()
                else ("ER-08", "Invalid Sender ID") if form.get("SenderID") != SENDER
                else None
            )  # fmt: skip
            if error:
                return self._answer(
                    200, {"success": False, "message": error[1], "errorCode": error[0], "data": None}
                )
            message_id = str(uuid.uuid4().int)[:13]
            state.received.append(
                {
                    "provider": "unifonic",
                    "to": [recipient],
                    "body": body,
                    "form": form,
                    "message_id": message_id,
                }
            )
            return self._answer(
                200,
                {
                    "success": True, "message": "", "errorCode": "ER-00",
                    "data": {
                        "MessageID": message_id, "CorrelationID": form.get("CorrelationID", ""),
                        "Status": "Sent", "NumberOfUnits": _units(body), "Cost": 0.05, "Balance": 100,
                        "Recipient": recipient, "TimeCreated": "2026-12-06 09:00:00", "CurrencyCode": "SAR",
                    },
                },
            )  # fmt: skip

        def _taqnyat(self, payload: dict[str, Any]) -> None:
            if self.headers.get("Authorization") != f"Bearer {TAQNYAT_TOKEN}":
                return self._answer(401, {"statusCode": 401, "message": "Unauthorized: invalid bearer token"})
            recipients = [str(number) for number in payload.get("recipients") or []]
            if not payload.get("body") or not recipients or payload.get("sender") != SENDER:
                return self._answer(
                    400, {"statusCode": 400, "message": "recipients, body and sender are required"}
                )
            accepted = [n for n in recipients if n.startswith("9665") and len(n) == 12]
            rejected = [n for n in recipients if n not in accepted]
            if accepted:
                state.received.append({"provider": "taqnyat", "to": accepted, "body": payload["body"]})
            return self._answer(
                201,
                {
                    "statusCode": 201, "messageId": uuid.uuid4().int % 10**10, "cost": 0.05, "currency": "SAR",
                    "totalCount": len(accepted), "msgLength": _units(payload["body"]),
                    "accepted": "[" + "".join(f"{n}," for n in accepted) + "]",
                    "rejected": "[" + "".join(f"{n}," for n in rejected) + "]",
                },
            )  # fmt: skip

        def _whatsapp(self, payload: dict[str, Any]) -> None:
            def error(status: int, code: int, message: str) -> None:
                self._answer(
                    status,
                    {
                        "error": {
                            "message": message,
                            "type": "OAuthException",
                            "code": code,
                            "fbtrace_id": "A1b2C3",
                        }
                    },
                )

            if self.headers.get("Authorization") != f"Bearer {WHATSAPP_TOKEN}":
                return error(401, 190, "Invalid OAuth access token.")
            if state.mode == "throttled":
                return error(400, 130429, "Rate limit hit")
            template = payload.get("template") or {}
            if (
                payload.get("messaging_product") != "whatsapp"
                or payload.get("type") != "template"
                or not template.get("name")
            ):
                return error(400, 100, "Invalid parameter")
            if template["name"] != "learning_city_notice":
                return error(404, 132001, "Template name does not exist in the translation")
            to = str(payload.get("to", ""))
            state.received.append({"provider": "whatsapp", "to": [to], "template": template})
            return self._answer(
                200,
                {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": to, "wa_id": to}],
                    "messages": [{"id": f"wamid.{uuid.uuid4().hex}"}],
                },
            )

    server = _Server(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, state
