"""The threads a sync client sends in are kept between calls (issue 21 item 4).

A call with a deadline sends in a thread it can stop waiting for (a dripping status line
cannot be interrupted otherwise); starting one per call was four fifths of a small call's
time.  The threads are reused, a send stuck past its deadline does not hold up the next call,
and a forked child starts its own.
"""

from __future__ import annotations

import os
import threading
import time

import httpx
import pytest
from test_lenient import answer, order
from wire import Load


def test_sequential_calls_reuse_their_sending_threads(load: Load) -> None:
    pkg = load("wsdl_doclit")
    content = answer(order())
    sent_by: list[threading.Thread] = []  # held, so that no Thread object is made anew in place

    def handle(request: httpx.Request) -> httpx.Response:
        sent_by.append(threading.current_thread())  # the transport runs in the sending thread
        return httpx.Response(200, content=content)

    http = httpx.Client(transport=httpx.MockTransport(handle))
    client = pkg.Client("http://orders.test/", http=http, limits=pkg._soap.Limits(deadline=30))
    for _ in range(50):
        assert client.get_order(id=1).state.value == "open"
    assert all(t.name == "soap-send" for t in sent_by)
    # a thread per call would be fifty; at most the idle ones earlier tests left and one more
    distinct = {id(t) for t in sent_by}
    assert len(distinct) <= pkg._soap._Senders.IDLE_KEPT + 1, len(distinct)


def test_a_send_stuck_past_its_deadline_does_not_hold_up_the_next_call(load: Load) -> None:
    pkg = load("wsdl_doclit")
    content = answer(order())
    release = threading.Event()
    calls: list[int] = []

    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            release.wait(30)  # the first send hangs, as on a server that never answers
        return httpx.Response(200, content=content)

    http = httpx.Client(transport=httpx.MockTransport(handle))
    client = pkg.Client("http://orders.test/", http=http, limits=pkg._soap.Limits(deadline=0.5))
    try:
        started = time.monotonic()
        with pytest.raises(pkg.DeadlineExceeded):
            client.get_order(id=1)
        assert time.monotonic() - started < 5
        assert client.get_order(id=2).state.value == "open"  # another thread sent it
    finally:
        release.set()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_forked_child_sends_in_threads_of_its_own(load: Load) -> None:
    pkg = load("wsdl_doclit")
    content = answer(order())
    http = httpx.Client(
        transport=httpx.MockTransport(lambda r: httpx.Response(200, content=content))
    )
    client = pkg.Client("http://orders.test/", http=http, limits=pkg._soap.Limits(deadline=5))
    assert client.get_order(id=1).state.value == "open"  # the parent has an idle sender now
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports by its exit status
        try:
            ok = client.get_order(id=2).state.value == "open"
        except BaseException:
            ok = False
        os._exit(0 if ok else 1)
    _, status = os.waitpid(child, 0)
    assert os.WEXITSTATUS(status) == 0
