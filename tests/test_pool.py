"""The bounded pool: the feeder stays a fixed distance ahead, results are the function's."""
import os
import threading
import time

from marsad.pool import Workers, _Gate, pooled_map


def _square(n: int) -> int:
    return n * n


def test_pooled_map_gives_every_result_in_workers_and_in_process():
    assert sorted(pooled_map(_square, range(50), processes=2, chunksize=4)) == [n * n for n in range(50)]
    assert list(pooled_map(_square, range(5), processes=0)) == [0, 1, 4, 9, 16]


def _pid(_: int) -> int:
    return os.getpid()


def test_workers_keep_their_processes_from_one_map_to_the_next():
    """What a worker caches on its first batch serves the later ones: no new processes per map."""
    with Workers(2) as workers:
        first = set(workers.map(_pid, range(40), chunksize=1))
        second = set(workers.map(_pid, range(40), chunksize=1))
        assert list(workers.map(_square, range(6), chunksize=2, ordered=True)) == [0, 1, 4, 9, 16, 25]
    assert os.getpid() not in first and second <= first and len(first) <= 2
    with Workers(0) as here:
        assert set(here.map(_pid, range(3))) == {os.getpid()}


def test_the_gate_keeps_the_feeder_a_bounded_distance_ahead() -> None:
    gate = _Gate(3)
    produced: list[int] = []

    def numbers():
        for n in range(100):
            produced.append(n)
            yield n

    fed: list[int] = []
    feeder = threading.Thread(target=lambda: fed.extend(gate.feed(numbers())), daemon=True)
    feeder.start()
    time.sleep(0.3)
    assert len(fed) == 3          # blocked until results are consumed
    for _ in range(5):
        gate.done()
    time.sleep(0.3)
    assert len(fed) == 8
    gate.closed = True
    feeder.join(timeout=2)
    assert not feeder.is_alive()  # closing releases a blocked feeder (what terminate() needs)


