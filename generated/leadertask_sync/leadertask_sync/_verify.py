"""A server's check of a request's WS-Security UsernameToken (and Timestamp).

This file is copied verbatim into every generated package with a server:

    app = make_wsgi_app(Orders(), verify=UsernameTokenVerifier({"alice": "secret"}.get))

A request without a valid token is answered with a Client (1.2: Sender) fault whose reason
is the one WS-Security gives, and the operation never runs.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime, timedelta

from lxml import etree

from ._soap import ParseError, SoapFault, read_datetime
from ._wsse import PASSWORD_DIGEST, WSSE, WSU, Clock, password_digest, utc_now

FAILED = "The security token could not be authenticated or authorized"
MAX_NONCES = 10_000  # nonces remembered against replay, the newest kept


class UsernameTokenVerifier:
    """Checks a request's wsse:UsernameToken against `password_of(username)` (None: unknown).

    PasswordDigest and PasswordText are both accepted unless `digest_only`; a token's Created
    and a wsu:Timestamp must be at most `max_age` seconds old and `future` seconds ahead (as
    WSS4J's defaults), a Timestamp not expired, and a digest's nonce not seen before.
    """

    def __init__(
        self,
        password_of: Callable[[str], str | None],
        *,
        digest_only: bool = False,
        max_age: float = 300,
        future: float = 60,
        clock: Clock = utc_now,
    ) -> None:
        self.password_of = password_of
        self.digest_only = digest_only
        self.max_age, self.future = timedelta(seconds=max_age), timedelta(seconds=future)
        self._clock = clock
        self._nonces: OrderedDict[bytes, None] = OrderedDict()

    def __call__(self, envelope: etree._Element) -> None:
        header = envelope.find(f"{{{etree.QName(envelope).namespace}}}Header")
        security = header.find(f"{{{WSSE}}}Security") if header is not None else None
        token = security.find(f"{{{WSSE}}}UsernameToken") if security is not None else None
        if security is None or token is None:
            raise SoapFault("Client", f"{FAILED}: a wsse:UsernameToken is required")
        now = self._clock()
        stamp = security.find(f"{{{WSU}}}Timestamp")
        if stamp is not None:
            self._fresh(stamp.find(f"{{{WSU}}}Created"), now, "Timestamp")
            expires = stamp.find(f"{{{WSU}}}Expires")
            if expires is not None and _moment(expires) <= now:
                raise SoapFault("Client", f"{FAILED}: the Timestamp has expired")
        self._token(token, now)

    def _token(self, token: etree._Element, now: datetime) -> None:
        username = (token.findtext(f"{{{WSSE}}}Username") or "").strip()
        password = token.find(f"{{{WSSE}}}Password")
        expected = self.password_of(username)
        if password is None or expected is None:
            raise SoapFault("Client", FAILED)
        created = token.find(f"{{{WSU}}}Created")
        if created is not None:
            self._fresh(created, now, "UsernameToken")
        given = (password.text or "").strip()
        if password.get("Type") == PASSWORD_DIGEST:
            nonce = _nonce(token.findtext(f"{{{WSSE}}}Nonce"))
            if created is None or nonce is None:
                raise SoapFault("Client", f"{FAILED}: a digest needs a Nonce and Created")
            wanted = password_digest(nonce, (created.text or "").strip(), expected)
            if not hmac.compare_digest(given, wanted):
                raise SoapFault("Client", FAILED)
            self._once(nonce)
        elif self.digest_only or not hmac.compare_digest(given, expected):
            raise SoapFault("Client", FAILED)

    def _fresh(self, created: etree._Element | None, now: datetime, what: str) -> None:
        if created is None:
            raise SoapFault("Client", f"{FAILED}: the {what} has no Created")
        moment = _moment(created)
        if moment < now - self.max_age:
            raise SoapFault("Client", f"{FAILED}: the {what} has expired")
        if moment > now + self.future:
            raise SoapFault("Client", f"{FAILED}: the {what} was created in the future")

    def _once(self, nonce: bytes) -> None:
        if nonce in self._nonces:
            raise SoapFault("Client", f"{FAILED}: the nonce was used before")
        self._nonces[nonce] = None
        while len(self._nonces) > MAX_NONCES:
            self._nonces.popitem(last=False)


def _moment(element: etree._Element) -> datetime:
    try:
        moment = read_datetime(element)
    except ParseError:
        raise SoapFault("Client", f"{FAILED}: a time that is not an xs:dateTime") from None
    if moment.tzinfo is None:
        raise SoapFault("Client", f"{FAILED}: a time without its time zone")
    return moment


def _nonce(text: str | None) -> bytes | None:
    if text is None:
        return None
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SoapFault("Client", f"{FAILED}: the Nonce is not base64") from None
