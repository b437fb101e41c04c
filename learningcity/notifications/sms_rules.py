"""The rules of the Saudi SMS market that every text message obeys, whichever provider sends it
(the Communications, Space and Technology Commission's rules for application-to-person SMS):

- a government sender sends only service, awareness and warning messages, under its registered
  sender name (settings.SMS_SENDER_NAME);
- awareness messages reach people only between 09:00 and 22:00 Riyadh time — one written later
  waits for the morning; service and warning messages go at any hour;
- numbers in international form without + or 00 (9665XXXXXXXX);
- Arabic travels as Unicode (UCS-2), so a message is counted in 70-character parts (67 each
  once it needs more than one), Latin-only text in GSM-7 parts of 160 (153).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

RIYADH = ZoneInfo("Asia/Riyadh")
AWARENESS_HOURS = (dt.time(9, 0), dt.time(22, 0))

# GSM 03.38: the basic character set and its extension table (the extension costs two).
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")


class InvalidNumber(ValueError):
    """A number no SMS can reach (not a Saudi mobile)."""


_SAUDI_MOBILE = re.compile(r"^(?:\+?966|00966|0)?(5\d{8})$")


def international(number: str) -> str:
    """+966512345678, 0512345678, 00966512345678 → 966512345678, the form the providers take."""
    compact = re.sub(r"[\s\-()]", "", number or "")
    match = _SAUDI_MOBILE.match(compact)
    if not match:
        raise InvalidNumber(str(_("Not a Saudi mobile number: %(number)s")) % {"number": number})
    return f"966{match.group(1)}"


@dataclass(frozen=True)
class Segments:
    encoding: str  # "GSM-7" or "UCS-2"
    characters: int  # in the encoding's units (an extension character counts two in GSM-7)
    parts: int


def segments(text: str) -> Segments:
    """How a text message is split and counted: what the provider charges by."""
    if all(character in _GSM_BASIC or character in _GSM_EXTENDED for character in text):
        units = sum(2 if character in _GSM_EXTENDED else 1 for character in text)
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        # UCS-2 counts UTF-16 code units: a character outside the basic plane (an emoji) is two.
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, "UCS-2"
    parts = 1 if units <= single else -(-units // multi)
    return Segments(encoding=encoding, characters=units, parts=parts)


def awareness_send_time(now: dt.datetime) -> dt.datetime:
    """When an awareness message written at `now` may leave: at once inside 09:00–22:00 Riyadh
    time, otherwise at the next 09:00."""
    local = now.astimezone(RIYADH)
    opens, closes = AWARENESS_HOURS
    if opens <= local.time() < closes:
        return now
    day = local.date() if local.time() < opens else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, opens, tzinfo=RIYADH)
