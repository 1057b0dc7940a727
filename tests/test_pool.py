"""The bounded pool: the feeder stays a fixed distance ahead, results are the function's."""
import threading
import time

from marsad.pool import _Gate, pooled_map


def _square(n: int) -> int:
    return n * n


def test_pooled_map_gives_every_result_in_workers_and_in_process():
    assert sorted(pooled_map(_square, range(50), processes=2, chunksize=4)) == [n * n for n in range(50)]
    assert list(pooled_map(_square, range(5), processes=0)) == [0, 1, 4, 9, 16]


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


