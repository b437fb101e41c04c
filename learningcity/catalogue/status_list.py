"""The issuer's revocation list: a W3C Bitstring Status List v1.0 credential.

Each certificate's credential points at one bit of this list (its `credentialStatus`, with the
certificate's number as the index). The list is built from the certificates' revocation dates
whenever it is asked for, so revoking a certificate flips its bit at once; a verifier fetches
the list, checks its signature with the same key as the certificate's and reads the bit.

Per the specification the bitstring is at least 16 KB (131,072 entries, so a list says little
about how many certificates exist), bit 0 is the most significant bit of the first byte, and
`encodedList` is the GZIP-compressed bitstring in multibase base64url (prefix "u").
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from typing import Any

from django.utils.timezone import now as timezone_now

from learningcity.catalogue import credentials

MINIMUM_ENTRIES = 131_072  # 16 KB of bits: the specification's minimum, for herd privacy


def bitstring(revoked: Iterable[int]) -> bytes:
    indexes = list(revoked)
    size = max(MINIMUM_ENTRIES, -(-(max(indexes, default=0) + 1) // MINIMUM_ENTRIES) * MINIMUM_ENTRIES)
    bits = bytearray(size // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def encoded_list(revoked: Iterable[int]) -> str:
    # mtime=0: the same revocations give the same bytes, whenever they are compressed.
    return "u" + credentials.b64url(gzip.compress(bitstring(revoked), mtime=0))


def revocation_list_credential(revoked: Iterable[int]) -> dict[str, Any]:
    url = credentials.status_list_url()
    return {
        "@context": [credentials.VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": credentials.issuer_id(),
        "validFrom": credentials.timestamp(timezone_now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list(revoked),
        },
    }
