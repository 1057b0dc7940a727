"""Serving with several processes: they share the port, answer, and stop together."""
from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="needs SO_REUSEPORT (Linux)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workers_of(pid: int) -> list[int]:
    """Child processes started by multiprocessing's spawn (not its helper processes)."""
    children = subprocess.run(["pgrep", "-P", str(pid)], check=False, capture_output=True, text=True).stdout.split()
    return [int(c) for c in children if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text(errors="replace")]


def wait_until(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def test_worker_processes_share_the_port_answer_and_stop_with_the_parent(demo_db: str) -> None:
    port = free_port()
    code = f"from marsad.web import serve; serve({demo_db!r}, port={port}, workers=2)"
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert wait_until(lambda: answers(f"http://127.0.0.1:{port}/api/v1/outlets")), parent.stderr
        workers = workers_of(parent.pid)
        assert len(workers) == 2
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            statuses = {client.get("/api/v1/search", params={"q": q}).status_code for q in ("الأمم", "حريق", "مخيم")}
        assert statuses == {200}
        parent.send_signal(signal.SIGTERM)
        assert parent.wait(timeout=30) is not None
        assert wait_until(lambda: not any(Path(f"/proc/{w}").exists() for w in workers), 15)
    finally:
        if parent.poll() is None:
            parent.kill()
    assert b"marsad web app on http://127.0.0.1" in parent.stdout.read()


def test_serving_on_a_taken_port_fails_with_a_clear_message(demo_db: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "marsad.cli", "serve", "--db", demo_db, "--port", str(port),
                                 "--workers", "2"], check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"تعذر التشغيل على 127.0.0.1:{port}" in result.stderr and "مستعمل" in result.stderr
