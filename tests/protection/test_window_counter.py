"""The in-memory rate-limit counter: fixed windows from a client's first request, forgotten once passed."""

import time

from limits import parse_many

from radiocode.web.protection import WindowCounter


def test_a_window_starts_with_the_first_request_and_counts_refusals_too():
    counter, limits = WindowCounter(), WindowCounter.windows_of(parse_many("2/second"))
    assert [counter.hit(limits, "all", "192.0.2.1") for _ in range(4)] == [0, 0, 1, 1]
    assert counter.windows[("all", 0, "192.0.2.1")][1] == 4
    time.sleep(1.05)
    # A fresh window: the refused requests of the last one are not carried over.
    assert [counter.hit(limits, "all", "192.0.2.1") for _ in range(3)] == [0, 0, 1]


def test_every_limit_is_counted_and_the_longest_wait_is_given():
    counter, limits = WindowCounter(), WindowCounter.windows_of(parse_many("3/second;2/minute"))
    assert [counter.hit(limits, "all", "192.0.2.1") for _ in range(3)] == [0, 0, 60]
    # Kinds and clients are counted apart.
    assert counter.hit(limits, "offline", "192.0.2.1") == 0
    assert counter.hit(limits, "all", "192.0.2.2") == 0


def test_windows_that_have_passed_are_dropped():
    counter, limits = WindowCounter(), WindowCounter.windows_of(parse_many("5/second"))
    counter.SWEEP_SECONDS = counter.next_sweep = 0.0  # sweep on every request
    for n in range(100):
        counter.hit(limits, "all", f"192.0.2.{n}")
    assert len(counter.windows) == 100
    time.sleep(1.05)
    counter.hit(limits, "all", "198.51.100.1")
    assert list(counter.windows) == [("all", 0, "198.51.100.1")]
