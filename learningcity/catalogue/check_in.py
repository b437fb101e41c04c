"""The code a learner shows at the door: their registration's reference, signed, so a host's
device (learningcity/hostapp) can recognise it offline in the day's list it downloaded, and a
code made up for someone else's reference matches nothing."""

from __future__ import annotations

import io

import segno
from django.core.signing import Signer
from django.utils.translation import gettext as _

from learningcity.catalogue.models import Registration

_SIGNER = Signer(salt="learningcity.catalogue.check-in")


def check_in_code(registration: Registration) -> str:
    return _SIGNER.sign(registration.reference)


def check_in_qr_svg(registration: Registration) -> str:
    """The code as an inline SVG QR code, titled for screen readers."""
    buffer = io.BytesIO()
    segno.make(check_in_code(registration), error="m").save(
        buffer,
        kind="svg",
        scale=5,
        dark="#000000",
        light="#ffffff",
        xmldecl=False,
        svgns=True,
        title=_("Check-in code for %(reference)s") % {"reference": registration.reference},
    )
    return buffer.getvalue().decode("utf-8")
