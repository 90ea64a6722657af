"""Bounded fetching over http(s): every hop checked, every answer capped, one deadline.

Redirects are followed by hand so that each hop is checked as the first was (scheme, host,
count, a loop); answers are streamed and cut at a byte cap (after decompression, so a small
gzip cannot grow into a huge file); the whole fetch shares one deadline, checked between
chunks so that a server that answers a byte at a time cannot hold it longer.  Every failure is
a FetchError naming the URL.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..errors import FetchError
from .bounds import MAX_FILE_BYTES, MAX_FILES, MAX_REDIRECTS, MAX_TOTAL_BYTES, SECONDS

# a server that says nothing for this long is not going to: fail well before the deadline
STALL_SECONDS = 30.0
SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Limits:
    """What one `add` or `refresh` may fetch, in all."""

    max_files: int = MAX_FILES
    max_file_bytes: int = MAX_FILE_BYTES
    max_total_bytes: int = MAX_TOTAL_BYTES
    max_redirects: int = MAX_REDIRECTS
    seconds: float = SECONDS
    # hosts besides those of the URLs given (their imports, redirects and links may go there)
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked for
    final_url: str  # after redirects: what relative links in the answer are relative to
    data: bytes
    content_type: str
    fetched: str  # when, in UTC, ISO 8601 to the second


class NotThere(FetchError):
    """An answer with an HTTP error status: for a document that may not exist (an .asmx
    service's ?WSDL), the caller goes on without it."""


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise FetchError("only http:// and https:// URLs are fetched", file=url)
    if parts.username is not None or parts.password is not None:
        # spec.toml records every URL, and is committed: a password would be published
        raise FetchError(
            "a URL with credentials (user:password@) is refused: spec.toml records every URL",
            file=f"{parts.scheme}://{parts.hostname}{parts.path}",
        )


class Fetcher:
    """One fetch session: the limits, the hosts allowed, what has been spent so far."""

    def __init__(
        self,
        limits: Limits,
        hosts: set[str],
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits
        self.hosts = {h.lower() for h in hosts} | {h.lower() for h in limits.allowed_hosts}
        self.clock = clock
        self.deadline = clock() + limits.seconds
        self.files = 0
        self.total = 0
        self.client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            headers={"User-Agent": f"soapsmith/{__version__}"},
            trust_env=False,  # no proxy or .netrc credentials picked up behind the user's back
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def allowed(self, url: str) -> bool:
        return host_of(url) in self.hosts

    def get(self, url: str) -> Fetched:
        """The answer at `url`, redirects followed, or a FetchError naming the URL."""
        check_url(url)
        self.files += 1
        if self.files > self.limits.max_files:
            raise FetchError(
                f"over {self.limits.max_files} files to fetch: stopped",
                file=url,
                hint="raise --max-files if the service really has that many",
            )
        seen = [url]
        current = url
        while True:
            self._check_hop(current, url)
            answer = self._one(current, url)
            if isinstance(answer, Fetched):
                return Fetched(url, current, answer.data, answer.content_type, answer.fetched)
            current = urljoin(current, answer)
            if current in seen:
                raise FetchError(f"redirect loop ({' -> '.join(seen + [current])})", file=url)
            seen.append(current)
            if len(seen) - 1 > self.limits.max_redirects:
                raise FetchError(
                    f"over {self.limits.max_redirects} redirects (the last to {current})",
                    file=url,
                )

    def _check_hop(self, current: str, asked: str) -> None:
        parts = urlsplit(current)
        if parts.scheme.lower() not in SCHEMES or not parts.hostname:
            raise FetchError(f"redirected to {current}, which is not http(s): refused", file=asked)
        if not self.allowed(current):
            via = "" if current == asked else f" (redirected to {current})"
            raise FetchError(
                f"host {parts.hostname} is not one of the sources' hosts{via}: refused",
                file=asked,
                hint=f"allow it with --allow-host {parts.hostname}",
            )

    def _remaining(self, asked: str) -> float:
        left = self.deadline - self.clock()
        if left <= 0:
            raise FetchError(
                f"the fetch took over {self.limits.seconds:g} seconds in all: stopped",
                file=asked,
                hint="raise --timeout for a slow service",
            )
        return left

    def _one(self, url: str, asked: str) -> Fetched | str:
        """The answer of one request, or where it redirects to."""
        left = self._remaining(asked)
        timeout = httpx.Timeout(min(left, STALL_SECONDS))
        try:
            with self.client.stream("GET", url, timeout=timeout) as response:
                if response.is_redirect:
                    location: str = response.headers.get("location", "")
                    if not location:
                        raise FetchError(
                            f"HTTP {response.status_code} redirect without a Location", file=asked
                        )
                    return location
                if response.status_code >= 400:
                    raise NotThere(
                        f"HTTP {response.status_code} {response.reason_phrase}".rstrip(),
                        file=asked,
                    )
                if response.status_code != 200:
                    raise FetchError(
                        f"HTTP {response.status_code} {response.reason_phrase}: not a document",
                        file=asked,
                    )
                data = self._body(response, asked)
                content_type = response.headers.get("content-type", "")
        except httpx.TimeoutException:
            self._remaining(asked)  # the deadline, where it is what ran out
            raise FetchError(
                f"no answer for {min(left, STALL_SECONDS):g} seconds: stopped", file=asked
            ) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch: {exc}", file=asked) from None
        when = datetime.now(timezone.utc).replace(microsecond=0)
        return Fetched(asked, url, data, content_type, when.isoformat().replace("+00:00", "Z"))

    def _body(self, response: httpx.Response, asked: str) -> bytes:
        cap = self.limits.max_file_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise self._too_big(asked, f"announces {int(declared)} bytes,")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise self._too_big(asked, "is")
            if self.total + size > self.limits.max_total_bytes:
                raise FetchError(
                    f"over {self.limits.max_total_bytes} bytes fetched in all: stopped",
                    file=asked,
                    hint="raise --max-total-bytes if the service is that big",
                )
            chunks.append(chunk)
            self._remaining(asked)
        self.total += size
        return b"".join(chunks)

    def _too_big(self, asked: str, how: str) -> FetchError:
        return FetchError(
            f"the answer {how} over the {self.limits.max_file_bytes}-byte limit per file",
            file=asked,
            hint="raise --max-file-bytes if the file is genuine",
        )
