"""Running the app: uvicorn in this process, or in several processes that share the port.

Several processes are how a Python web app uses more than one core. uvicorn's own worker mode
lets them race to accept() on one shared socket, and with keep-alive clients whoever wins
keeps the connection: a load test saw 44 of 50 connections on one of two processes while the
other idled. Where the system has SO_REUSEPORT (Linux), each process here binds its own socket
to the port and the kernel spreads new connections over them evenly; elsewhere uvicorn's
worker mode is used.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sys
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["serve"]

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
UVICORN_OPTIONS = {"log_level": "warning", "timeout_keep_alive": 30}


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, ingest_token: str | None = None,
          workers: int = 1, cache_seconds: float = 5.0) -> None:
    """Run the app until interrupted (loopback unless a host is asked for).

    With `workers` > 1 that many processes serve the port, each with its own connections and
    caches; SQLite in WAL mode lets them all read while an ingest writes.
    """
    if host not in LOOPBACK:
        print(f"warning: serving on {host}, reachable from other machines", file=sys.stderr)
    shown = f"[{host}]" if ":" in host else host
    print(f"marsad web app on http://{shown}:{port}" + (f" ({workers} worker processes)" if workers > 1 else ""),
          flush=True)
    settings = (str(db), host, port, ingest_token, cache_seconds)
    if workers <= 1:
        _run_one(*settings)
    elif hasattr(socket, "SO_REUSEPORT"):
        _run_many(settings, workers)
    else:
        _run_uvicorn_workers(settings, workers)


def _run_one(db: str, host: str, port: int, ingest_token: str | None, cache_seconds: float,
             sock: socket.socket | None = None) -> None:
    import uvicorn

    from marsad.web.app import create_app

    config = uvicorn.Config(create_app(db, ingest_token=ingest_token, cache_seconds=cache_seconds),
                            host=host, port=port, **UVICORN_OPTIONS)
    uvicorn.Server(config).run(sockets=[sock] if sock is not None else None)


def _reuseport_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def _worker(settings: tuple) -> None:
    db, host, port, ingest_token, cache_seconds = settings
    sock = _reuseport_socket(host, port)
    _run_one(db, host, port, ingest_token, cache_seconds, sock=sock)


def _run_many(settings: tuple, workers: int) -> None:
    """`workers` processes, each with its own SO_REUSEPORT socket; stopping this process (Ctrl-C,
    SIGTERM) stops them all, and if one of them ends, the others are stopped too."""
    host, port = settings[1], settings[2]
    _reuseport_socket(host, port).close()      # fail here, clearly, when the port is taken
    context = multiprocessing.get_context("spawn")
    children = [context.Process(target=_worker, args=(settings,), name=f"marsad-web-{n}") for n in range(workers)]
    for child in children:
        child.start()

    def stop(signum: int, frame: FrameType | None) -> None:
        for child in children:
            if child.is_alive():
                os.kill(child.pid, signal.SIGTERM)      # uvicorn finishes open requests, then exits

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        multiprocessing.connection.wait([child.sentinel for child in children])
        stop(signal.SIGTERM, None)
        for child in children:
            child.join(timeout=30)
            if child.is_alive():
                child.kill()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def app_from_environment() -> FastAPI:
    """The app described by MARSAD_WEB_* variables: what uvicorn's worker processes build."""
    from marsad.web.app import create_app

    return create_app(os.environ["MARSAD_WEB_DB"], ingest_token=os.environ.get("MARSAD_WEB_INGEST_TOKEN"),
                      cache_seconds=float(os.environ.get("MARSAD_WEB_CACHE_SECONDS", "5")))


def _run_uvicorn_workers(settings: tuple, workers: int) -> None:
    import uvicorn

    db, host, port, ingest_token, cache_seconds = settings
    os.environ.update(MARSAD_WEB_DB=db, MARSAD_WEB_CACHE_SECONDS=str(cache_seconds))
    if ingest_token:
        os.environ["MARSAD_WEB_INGEST_TOKEN"] = ingest_token
    else:
        os.environ.pop("MARSAD_WEB_INGEST_TOKEN", None)
    uvicorn.run("marsad.web.server:app_from_environment", factory=True, workers=workers, host=host, port=port,
                **UVICORN_OPTIONS)
