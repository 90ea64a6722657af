"""Apache WSS4J as an independent judge of wsse:Security headers (issue 16).

``wss4j/VerifyUsernameToken.java`` and ``wss4j/VerifySignature.java`` are compiled once per test
session against the Debian jars (``apt-get install libwss4j-java``, which also brings xmlsec,
slf4j and commons-logging); tests then call ``verify(envelope, username, password)`` or
``verify_signature(envelope, trusted_certificate)`` and get WSS4J's verdict as ``(ok, message)``.
Where Java or a jar is missing the tests that ask for it are skipped, naming what is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent / "wss4j" / "VerifyUsernameToken.java"
MAIN_CLASS = SOURCE.stem
SIGNATURE_SOURCE = SOURCE.with_name("VerifySignature.java")  # uses VerifyUsernameToken's parser
JAVA_LIBRARIES = Path("/usr/share/java")
# WSS4J 1.6 itself, the XML security library under it, and the logging they load at start-up
# (slf4j needs a binding, or it warns on stderr; nop keeps WSS4J's output to our one line).
JARS = ("wss4j", "xmlsec", "commons-logging", "slf4j-api", "slf4j-nop")
INSTALL_HINT = "apt-get install libwss4j-java"
# A cold JVM takes about half a second; a loaded CI machine can take many times that.
TIMEOUT = 60.0
# Exit statuses of both programs: 0 authenticated, 1 refused; anything else is a harness bug.
REFUSED = 1
# Each run is a short-lived JVM: the quick C1 compiler and the serial collector start fastest.
JVM_FLAGS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def find_jar(name: str, folder: Path = JAVA_LIBRARIES) -> Path | None:
    """``name.jar`` (Debian's unversioned link) or else the newest ``name-VERSION.jar``."""
    plain = folder / f"{name}.jar"
    if plain.is_file():
        return plain
    pattern = re.compile(rf"{re.escape(name)}-(\d+(?:\.\d+)*)\.jar")
    versioned = [
        (tuple(int(part) for part in match.group(1).split(".")), path)
        for path in folder.glob(f"{name}-*.jar")
        if (match := pattern.fullmatch(path.name))
    ]
    return max(versioned)[1] if versioned else None


def classpath(folder: Path = JAVA_LIBRARIES) -> list[Path]:
    """The jars the verifier needs; skips the calling test when one is missing."""
    found = {name: find_jar(name, folder) for name in JARS}
    missing = [f"{name}.jar" for name, path in found.items() if path is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not in {folder} ({INSTALL_HINT})")
    return [path for path in found.values() if path is not None]


def java_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install default-jdk-headless)")
    return path


@dataclass(frozen=True)
class Wss4jVerifier:
    """The compiled verifier: ``java`` and the class path that runs it."""

    java: str
    classpath: str

    def verify(self, envelope: bytes, username: str, password: str) -> tuple[bool, str]:
        """WSS4J's verdict on ``envelope``'s wsse:Security header for this one user: whether it
        authenticated, and its one line (``authenticated NAME (PasswordDigest, Timestamp)`` or
        WSS4J's error text)."""
        return self._run([MAIN_CLASS, username, password], envelope)

    def verify_signature(self, envelope: bytes, trusted: Path) -> tuple[bool, str]:
        """WSS4J's verdict on ``envelope``'s X.509 signature, the key taken from the token the
        signature refers to and trusted only if it is the certificate in the PEM file ``trusted``:
        whether it verified, and its one line (``verified CN=... over Timestamp, Body (...)``)."""
        return self._run([SIGNATURE_SOURCE.stem, str(trusted)], envelope)

    def _run(self, arguments: list[str], envelope: bytes) -> tuple[bool, str]:
        command = [self.java, *JVM_FLAGS, "-cp", self.classpath, *arguments]
        try:
            done = subprocess.run(command, input=envelope, capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"WSS4J gave no verdict within {TIMEOUT:.0f} s")
        message = done.stdout.decode("utf-8", "replace").strip()
        if done.returncode not in (0, REFUSED):
            pytest.fail(
                f"the WSS4J verifier failed (exit {done.returncode}): {message}\n"
                + done.stderr.decode("utf-8", "replace")
            )
        return done.returncode == 0, message


def compile_verifier(into: Path) -> Wss4jVerifier:
    """Compile the verifiers into ``into``; skips when Java or a jar is missing."""
    java, javac = java_tool("java"), java_tool("javac")
    jars = ":".join(str(jar) for jar in classpath())
    built = subprocess.run(
        [javac, "-nowarn", "-d", str(into), "-cp", jars, str(SOURCE), str(SIGNATURE_SOURCE)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT * 2,
    )
    if built.returncode != 0:
        # The jars are there but do not fit the program: a WSS4J other than 1.6, worth reading.
        pytest.fail(f"javac could not compile the verifiers:\n{built.stdout}{built.stderr}")
    return Wss4jVerifier(java, f"{into}:{jars}")
