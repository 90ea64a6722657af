"""WS-Security for a generated client: a UsernameToken, a Timestamp and an X.509 signature,
as hooks.

This file is copied verbatim into every generated package that has a client:

    client = Client(hooks=[UsernameToken("alice", "secret", digest=True), Timestamp()])
    client = Client(hooks=[Signature("key.pem", "cert.pem"), VerifySignature("server.pem")])

They write into one wsse:Security header (made on first use, marked mustUnderstand unless
told otherwise), as the OASIS Username Token Profile 1.0, X.509 Token Profile 1.0 and SOAP
Message Security 1.0 say.  Signing needs signxml, the package's `wsse` extra; it is imported
only when a `Signature` or `VerifySignature` is made, so the package imports without it.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import os
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from lxml import etree

from ._hooks import Hook, Incoming, Outgoing
from ._soap import ParseError, SoapError, read_datetime

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
DS = "http://www.w3.org/2000/09/xmldsig#"
X509V3 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"

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


def timestamp(now: datetime, seconds: float) -> etree._Element:
    """A wsu:Timestamp: Created `now`, Expires `seconds` later."""
    stamp = etree.Element(f"{{{WSU}}}Timestamp", nsmap=_NSMAP)
    etree.SubElement(stamp, f"{{{WSU}}}Created").text = created_text(now)
    expires = now + timedelta(seconds=seconds)
    etree.SubElement(stamp, f"{{{WSU}}}Expires").text = created_text(expires)
    return stamp


class Timestamp(Hook):
    """A wsu:Timestamp on every request: Created now, Expires `seconds` later."""

    def __init__(
        self, seconds: float = 300, *, must_understand: bool = True, clock: Clock = utc_now
    ) -> None:
        self.seconds, self.must_understand, self._clock = seconds, must_understand, clock

    def outgoing(self, message: Outgoing) -> None:
        header = security(message, self.must_understand)
        if header.find(f"{{{DS}}}Signature") is not None:
            # a Timestamp added after signing would go out unsigned, beside the signed one
            raise ValueError("the Timestamp hook must come before the Signature hook")
        header.insert(0, timestamp(self._clock(), self.seconds))  # first, as WSS advises


# -- X.509 signatures (the `wsse` extra) --------------------------------------------------

PemSource = bytes | str | os.PathLike[str]  # PEM text, or the path of a PEM file


class SignatureError(SoapError):
    """An answer whose signature is missing, does not verify against the expected
    certificate, or leaves out the Body (or the Timestamp, where one is required).
    `content` is the answer as it came."""

    def __init__(self, message: str, content: bytes = b"") -> None:
        self.content = content
        super().__init__(message)


def _is_dsa(key: object) -> bool:
    """Whether `key` is a DSA private key, asked only of a key that is neither RSA nor EC:
    cryptography 51 warns that DSA is deprecated whenever its classes are looked up, and an
    application signing with RSA or EC should not hear of it."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # CryptographyDeprecationWarning's base
        from cryptography.hazmat.primitives.asymmetric import (  # type: ignore[import-not-found, unused-ignore]
            dsa,
        )

        return isinstance(key, dsa.DSAPrivateKey)


def _require_signxml() -> None:
    """Import signxml, or say which extra brings it."""
    try:
        import signxml  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
    except ImportError as exc:
        package = (__package__ or "").split(".")[0]
        # the installed distribution's name where known; else soapsmith's default for it
        names = importlib.metadata.packages_distributions().get(package)
        name = names[0] if names else package.replace("_", "-")
        raise ImportError(
            f"X.509 signing needs signxml: pip install '{name}[wsse]' (or signxml>=4.4)"
        ) from exc


def _pem(source: PemSource) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str) and source.lstrip().startswith("-----BEGIN"):
        return source.encode("ascii")
    return Path(source).read_bytes()


def _certificate(source: PemSource) -> Any:
    from cryptography import x509  # type: ignore[import-not-found, unused-ignore]

    return x509.load_pem_x509_certificate(_pem(source))


def _signature_method(name: str) -> Any:
    """signxml's SignatureMethod for a URI or the short name after its `#` (`rsa-sha256`)."""
    from signxml.algorithms import (  # type: ignore[import-not-found, unused-ignore]
        SignatureMethod,
    )

    return SignatureMethod(name if "#" in name else _uri(SignatureMethod, name))


def _digest_method(name: str) -> Any:
    from signxml.algorithms import (  # type: ignore[import-not-found, unused-ignore]
        DigestAlgorithm,
    )

    return DigestAlgorithm(name if "#" in name else _uri(DigestAlgorithm, name))


def _uri(algorithms: Iterable[Any], name: str) -> str:
    """The URI of the algorithm whose fragment is `name` (`rsa-sha256`, `sha512`)."""
    for algorithm in algorithms:
        if str(algorithm.value).endswith(f"#{name}"):
            return str(algorithm.value)
    raise ValueError(f"no signature or digest algorithm is called {name!r}")


def _with_wsu(element: etree._Element) -> etree._Element:
    """`element`, or a copy of it in its place that declares the wsu prefix, so that the
    wsu:Id set on it reads `wsu:Id` rather than lxml's `ns0:Id`."""
    if WSU in element.nsmap.values():
        return element
    parent = element.getparent()
    assert parent is not None
    # made under the parent, the copy reuses the prefixes in scope there
    copy = etree.SubElement(parent, element.tag, attrib=dict(element.attrib), nsmap={"wsu": WSU})
    parent.insert(parent.index(element), copy)
    copy.text, copy.tail = element.text, element.tail
    copy.extend(list(element))  # moved while both are in the tree: no namespace is copied
    parent.remove(element)
    return copy


def _wsu_id(element: etree._Element) -> str:
    """The element's wsu:Id, given one when it has none."""
    found = element.get(f"{{{WSU}}}Id")
    if found is not None:
        return found
    element = _with_wsu(element)
    made = f"id-{uuid.uuid4().hex}"
    element.set(f"{{{WSU}}}Id", made)
    return made


class Signature(Hook):
    """An X.509 signature on every request (WS-Security X.509 Token Profile 1.0).

    `key` and `certificate` are PEM text (bytes or str) or paths of PEM files; `password`
    unlocks an encrypted key.  The certificate goes in a wsse:BinarySecurityToken, and a
    ds:Signature (exclusive c14n, `signature_method` and `digest_method` as URIs or short
    names: `rsa-sha256`, `rsa-sha512`, `ecdsa-sha256`, `sha256`, ...) over the Body, the
    wsu:Timestamp and the Header children named in `headers` (`{namespace}local`) refers to
    that token.  The request's Timestamp (from a `Timestamp` hook before this one) is signed,
    or one of `timestamp` seconds is added where there is none (`timestamp=None`: not).

    Put it after every hook that changes the request: what changes after signing breaks
    the signature.  SHA-1 methods are used only when named.
    """

    def __init__(
        self,
        key: PemSource,
        certificate: PemSource,
        *,
        password: str | bytes | None = None,
        signature_method: str = "rsa-sha256",
        digest_method: str = "sha256",
        timestamp: float | None = 300,
        headers: Iterable[str] = (),
        must_understand: bool = True,
        clock: Clock = utc_now,
    ) -> None:
        _require_signxml()
        from cryptography.hazmat.primitives.asymmetric import (  # type: ignore[import-not-found, unused-ignore]
            ec,
            rsa,
        )
        from cryptography.hazmat.primitives.serialization import (  # type: ignore[import-not-found, unused-ignore]
            Encoding,
            PublicFormat,
            load_pem_private_key,
        )
        from signxml.algorithms import (  # type: ignore[import-not-found, unused-ignore]
            SignatureConstructionMethod,
        )
        from signxml.signer import XMLSigner  # type: ignore[import-not-found, unused-ignore]

        secret = password.encode("utf-8") if isinstance(password, str) else password
        private = load_pem_private_key(_pem(key), password=secret)
        if not isinstance(private, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)) and not _is_dsa(
            private
        ):
            raise ValueError(
                f"XML signatures take an RSA, EC or DSA key, not {type(private).__name__}"
            )
        self._key: Any = private  # RSA, EC or DSA, as checked above
        cert = _certificate(certificate)
        spki = Encoding.DER, PublicFormat.SubjectPublicKeyInfo
        if cert.public_key().public_bytes(*spki) != private.public_key().public_bytes(*spki):
            raise ValueError("the certificate is not the one of this private key")
        self._token = base64.b64encode(cert.public_bytes(Encoding.DER)).decode("ascii")

        class Signer(XMLSigner):  # type: ignore[misc, unused-ignore]
            def check_deprecated_methods(self) -> None:
                """SHA-1 is refused by default; named here, it is what the service asks for."""

        self._signer = Signer(
            method=SignatureConstructionMethod.detached,
            signature_algorithm=_signature_method(signature_method),
            digest_algorithm=_digest_method(digest_method),
            c14n_algorithm=EXC_C14N,
        )
        self.timestamp, self.headers = timestamp, list(headers)
        self.must_understand, self._clock = must_understand, clock

    def outgoing(self, message: Outgoing) -> None:
        envelope = message.envelope
        soap = etree.QName(envelope).namespace
        header = security(message, self.must_understand)
        references = []
        stamp = header.find(f"{{{WSU}}}Timestamp")
        if stamp is None and self.timestamp is not None:
            stamp = timestamp(self._clock(), self.timestamp)
            header.insert(0, stamp)
        if stamp is not None:
            references.append(_wsu_id(stamp))
        for tag in self.headers:
            references += [_wsu_id(e) for e in message.header().findall(tag)]
        body = envelope.find(f"{{{soap}}}Body")
        assert body is not None
        references.append(_wsu_id(body))
        token = etree.SubElement(
            header,
            f"{{{WSSE}}}BinarySecurityToken",
            EncodingType=BASE64,
            ValueType=X509V3,
        )
        token.text = self._token
        token_id = _wsu_id(token)
        key_info = etree.Element(f"{{{DS}}}KeyInfo", nsmap={"ds": DS})
        reference = etree.SubElement(
            etree.SubElement(key_info, f"{{{WSSE}}}SecurityTokenReference", nsmap=_NSMAP),
            f"{{{WSSE}}}Reference",
            URI=f"#{token_id}",
            ValueType=X509V3,
        )
        assert reference is not None
        signed = self._signer.sign(
            envelope,
            key=self._key,
            reference_uri=[f"#{r}" for r in references],
            key_info=key_info,
            id_attribute="Id",
        )
        header.append(signed)


class VerifySignature(Hook):
    """Checks the ds:Signature of every answer against `certificate` (PEM text or a path):
    the certificate the service is known to sign with, never the one the answer carries.

    An answer that is not signed, whose signature or digests do not verify, or whose Body is
    not among what is signed, raises `SignatureError`, a SOAP Fault too.  `timestamp=True`
    also requires a signed wsu:Timestamp that has not expired.  `signature_methods` and
    `digest_methods` (URIs or short names) limit the algorithms accepted; by default every
    one signxml knows but SHA-1's.  An answer that is not XML is left to the client, which
    refuses it anyway.
    """

    def __init__(
        self,
        certificate: PemSource,
        *,
        timestamp: bool = False,
        signature_methods: Iterable[str] | None = None,
        digest_methods: Iterable[str] | None = None,
        clock: Clock = utc_now,
    ) -> None:
        _require_signxml()
        from signxml.verifier import (  # type: ignore[import-not-found, unused-ignore]
            SignatureConfiguration,
        )

        self._certificate = _certificate(certificate)
        self.timestamp, self._clock = timestamp, clock
        limits: dict[str, Any] = {}
        if signature_methods is not None:
            limits["signature_methods"] = frozenset(map(_signature_method, signature_methods))
        if digest_methods is not None:
            limits["digest_algorithms"] = frozenset(map(_digest_method, digest_methods))
        self._limits = limits
        self._config = SignatureConfiguration

    def incoming(self, message: Incoming) -> None:
        content = message.content  # as it came: reading the envelope drops the bytes
        try:
            envelope = message.envelope
        except ParseError:
            return
        try:
            self.check(envelope)
        except SignatureError as exc:
            raise SignatureError(str(exc), content) from exc.__cause__

    def check(self, envelope: etree._Element) -> None:
        """Raise SignatureError unless `envelope` is signed as this hook requires."""
        from signxml.exceptions import (  # type: ignore[import-not-found, unused-ignore]
            SignXMLException,
        )
        from signxml.verifier import XMLVerifier  # type: ignore[import-not-found, unused-ignore]

        soap = etree.QName(envelope).namespace
        security = envelope.find(f"{{{soap}}}Header/{{{WSSE}}}Security")
        if security is None or security.find(f"{{{DS}}}Signature") is None:
            raise SignatureError("the answer is not signed: no ds:Signature in wsse:Security")
        config = self._config(
            location=f"./{{{soap}}}Header/{{{WSSE}}}Security/",
            expect_references=True,
            **self._limits,
        )
        try:
            results = XMLVerifier().verify(
                envelope,
                x509_cert=self._certificate,
                id_attribute="Id",
                expect_config=config,
            )
        except (SignXMLException, ValueError) as exc:
            raise SignatureError(f"the answer's signature does not verify: {exc}") from exc
        signed = self._signed(envelope, results)
        body = envelope.find(f"{{{soap}}}Body")
        if body is None or not any(e is body for e in signed):
            raise SignatureError("the answer's Body is not signed")
        if self.timestamp:
            self._check_timestamp(security, signed)

    @staticmethod
    def _signed(envelope: etree._Element, results: Any) -> list[etree._Element]:
        """The elements of `envelope` the verified references point at, found as signxml
        found them (by an Id attribute of any namespace, unique or refused)."""
        signature = results[0].signature_xml
        uris = signature.xpath("ds:SignedInfo/ds:Reference/@URI", namespaces={"ds": DS})
        found: list[etree._Element] = []
        for uri in uris:
            if not str(uri).startswith("#"):
                continue
            matches = envelope.xpath("//*[@*[local-name() = 'Id'] = $id]", id=str(uri)[1:])
            if isinstance(matches, list) and len(matches) == 1:
                element = matches[0]
                assert isinstance(element, etree._Element)
                found.append(element)
        return found

    def _check_timestamp(self, security: etree._Element, signed: list[etree._Element]) -> None:
        stamps = security.findall(f"{{{WSU}}}Timestamp")
        if len(stamps) != 1 or not any(e is stamps[0] for e in signed):
            raise SignatureError("the answer has no signed wsu:Timestamp (or more than one)")
        expires = stamps[0].find(f"{{{WSU}}}Expires")
        if expires is None:
            return
        try:
            moment = read_datetime(expires)
        except ParseError as exc:
            raise SignatureError(f"the answer's wsu:Expires does not read: {exc}") from None
        if moment.tzinfo is None:
            raise SignatureError("the answer's wsu:Expires has no time zone")
        if moment <= self._clock():
            raise SignatureError(f"the answer's wsu:Timestamp expired at {expires.text}")
