"""Reading pauses the cyclic garbage collector (issue 21 item 4) and always hands it back.

A read makes objects without cycles, as many as the message has values; the collections they
would set off walk everything that survived the earlier ones, so a long answer read slower
per record than a short one.  The collector is off while a client reads and back on after,
whether the read succeeds or fails; where the application turned it off, it stays off.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator

import pytest
from test_lenient import answer, order, read
from wire import Load


@pytest.fixture
def collecting() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


class Seen(logging.Handler):
    """Records whether the collector ran at the moment the reader logged a surprise."""

    def __init__(self) -> None:
        super().__init__()
        self.collecting: list[bool] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.collecting.append(gc.isenabled())


def test_the_collector_waits_while_a_client_reads_and_is_back_after(
    load: Load, collecting: None
) -> None:
    pkg = load("wsdl_doclit")
    seen = Seen()
    logger = logging.getLogger(pkg._soap._LOG.name)
    logger.addHandler(seen)
    try:
        _, result = read(pkg, answer(order(state="paused-by-gc-test")))
    finally:
        logger.removeHandler(seen)
    assert result.state.value == "paused-by-gc-test"
    assert seen.collecting == [False]  # the surprise was logged in the middle of the read
    assert gc.isenabled()


def test_the_collector_is_back_after_a_read_that_fails(load: Load, collecting: None) -> None:
    pkg = load("wsdl_doclit")
    with pytest.raises(pkg.UnexpectedContent):
        read(pkg, answer(order(state="never-listed")), strict=True)
    assert gc.isenabled()


def test_a_collector_the_application_turned_off_stays_off(load: Load, collecting: None) -> None:
    pkg = load("wsdl_doclit")
    gc.disable()
    try:
        _, result = read(pkg, answer(order()))
        assert result.state.value == "open"
        assert not gc.isenabled()
        with pkg._soap.Reading(False):
            with pkg._soap.Reading(True):  # nested, as a stream reads each item
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_nested_readings_hand_the_collector_back_once(load: Load, collecting: None) -> None:
    soap = load("wsdl_doclit")._soap
    with soap.Reading(False):
        with soap.Reading(True):
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block found it off and leaves it off
    assert gc.isenabled()
