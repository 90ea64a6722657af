"""WS-Security for a generated client: a UsernameToken and a Timestamp, as hooks.

This file is copied verbatim into every generated package that has a client:

    client = Client(hooks=[UsernameToken("alice", "secret", digest=True), Timestamp()])

Both write into one wsse:Security header (made on first use, marked mustUnderstand unless
told otherwise), as the OASIS Username Token Profile 1.0 and SOAP Message Security 1.0 say.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from lxml import etree

from ._hooks import Hook, Outgoing

WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
_PROFILE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0"
PASSWORD_TEXT = f"{_PROFILE}#PasswordText"
PASSWORD_DIGEST = f"{_PROFILE}#PasswordDigest"
BASE64 = (
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0"
    "#Base64Binary"
)
_NSMAP = {"wsse": WSSE, "wsu": WSU}

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def created_text(moment: datetime) -> str:
    """A moment as wsu:Created carries it: UTC, milliseconds, `Z`."""
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def password_digest(nonce: bytes, created: str, password: str) -> str:
    """Base64 of SHA-1 over the nonce's bytes, the Created text and the password (UTF-8)."""
    return base64.b64encode(
        hashlib.sha1(nonce + created.encode("utf-8") + password.encode("utf-8")).digest()
    ).decode("ascii")


def security(message: Outgoing, must_understand: bool = True) -> etree._Element:
    """The request's wsse:Security header, made when it has none."""
    header = message.header()
    found = header.find(f"{{{WSSE}}}Security")
    if found is None:
        found = etree.SubElement(header, f"{{{WSSE}}}Security", nsmap=_NSMAP)
        if must_understand:
            envelope = etree.QName(message.envelope).namespace
            soap12 = envelope == "http://www.w3.org/2003/05/soap-envelope"
            found.set(f"{{{envelope}}}mustUnderstand", "true" if soap12 else "1")
    return found


class UsernameToken(Hook):
    """A wsse:UsernameToken on every request.

    `digest=False` sends the password as it is (PasswordText: only over TLS); `digest=True`
    sends PasswordDigest with a fresh Nonce and Created each time.  `nonce` and `created`
    add those to a PasswordText token too, where a service asks for them.
    """

    def __init__(
        self,
        username: str,
        password: str,
        *,
        digest: bool = False,
        nonce: bool | None = None,
        created: bool | None = None,
        must_understand: bool = True,
        clock: Clock = utc_now,
        random: Callable[[int], bytes] = os.urandom,
    ) -> None:
        self.username, self.password, self.digest = username, password, digest
        self.nonce = digest if nonce is None else nonce or digest
        self.created = digest if created is None else created or digest
        self.must_understand = must_understand
        self._clock, self._random = clock, random

    def outgoing(self, message: Outgoing) -> None:
        nonce = self._random(16) if self.nonce else None
        created = created_text(self._clock()) if self.created else None
        security(message, self.must_understand).append(self.token(nonce, created))

    def token(self, nonce: bytes | None, created: str | None) -> etree._Element:
        """The token element for this nonce and Created text."""
        token = etree.Element(f"{{{WSSE}}}UsernameToken", nsmap=_NSMAP)
        etree.SubElement(token, f"{{{WSSE}}}Username").text = self.username
        password = etree.SubElement(token, f"{{{WSSE}}}Password")
        if self.digest:
            assert nonce is not None and created is not None
            password.set("Type", PASSWORD_DIGEST)
            password.text = password_digest(nonce, created, self.password)
        else:
            password.set("Type", PASSWORD_TEXT)
            password.text = self.password
        if nonce is not None:
            element = etree.SubElement(token, f"{{{WSSE}}}Nonce", EncodingType=BASE64)
            element.text = base64.b64encode(nonce).decode("ascii")
        if created is not None:
            etree.SubElement(token, f"{{{WSU}}}Created").text = created
        return token


class Timestamp(Hook):
    """A wsu:Timestamp on every request: Created now, Expires `seconds` later."""

    def __init__(
        self, seconds: float = 300, *, must_understand: bool = True, clock: Clock = utc_now
    ) -> None:
        self.seconds, self.must_understand, self._clock = seconds, must_understand, clock

    def outgoing(self, message: Outgoing) -> None:
        now = self._clock()
        stamp = etree.Element(f"{{{WSU}}}Timestamp", nsmap=_NSMAP)
        etree.SubElement(stamp, f"{{{WSU}}}Created").text = created_text(now)
        expires = now + timedelta(seconds=self.seconds)
        etree.SubElement(stamp, f"{{{WSU}}}Expires").text = created_text(expires)
        security(message, self.must_understand).insert(0, stamp)  # first, as WSS advises
