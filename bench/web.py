"""Web latency benchmark: « Ma journée » and the client list under load.

Builds a demo branch in a temporary folder (``--clients`` per manager),
counts the database queries of each page once (rendered uncached, as manager1
and as the director),
serves it twice — with ``probanker serve`` (gunicorn, one process per core
plus one) and with the straightforward reference, Django's own threaded
``runserver`` — and drives each with ``--concurrency`` keep-alive clients on
loopback for ``--seconds`` per page, each with its own session as manager1. Prints p50/p95/p99
latency, throughput, the p95 ratio reference/probanker and the servers' peak
memory (sum of VmHWM of their processes).

    uv run python bench/web.py                 # 600 clients per manager, 20 clients, 30 s
    uv run python bench/web.py --small         # CI: a few seconds
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["/", "/clients/", "/clients/{client}/"]

# Run in a fresh process on the bench's database: queries of each page, rendered
# without the page cache, as manager1 and as the director.
QUERY_SCRIPT = """
import json, os, sys
import django
os.environ["PROBANKER_PAGE_CACHE"] = "0"
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from probanker.core.models import User
from probanker.parties.models import Party
pages, out = json.loads(sys.argv[1]), {}
first = Party.objects.filter(manager__username="manager1", kind="client").order_by("name").first()
pages = [p.replace("{client}", str(first.pk)) for p in pages]
for username in ("manager1", "director"):
    client = Client()
    client.force_login(User.objects.get(username=username))
    for page in pages:
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(page).status_code
        out[f"{username} {page}"] = (status, len(ctx.captured_queries))
print(json.dumps(out))
"""


def first_client(port: int, cookie: str) -> int:
    """The id of manager1's first client with open alerts or products (the list's first row)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/clients/?kind=client", headers={"Cookie": cookie}
    )
    html = urllib.request.urlopen(request, timeout=10).read().decode()
    match = re.search(r'href="/clients/(\d+)/"', html)
    if match is None:
        raise RuntimeError("no client in manager1's list")
    return int(match.group(1))


def query_counts(env: dict[str, str], pages: list[str]) -> dict[str, tuple[int, int]]:
    """(status, queries) of each page as manager1 and the director."""
    import json

    result = subprocess.run(
        [sys.executable, "-c", QUERY_SCRIPT, json.dumps(pages)],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return {k: (v[0], v[1]) for k, v in json.loads(result.stdout.strip().splitlines()[-1]).items()}


@dataclass
class Result:
    page: str
    requests: int
    errors: int
    p50: float
    p95: float
    p99: float
    rps: float


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/connexion/", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server on port {port} did not start")


def login(port: int) -> str:
    """Log in as manager1 and return the Cookie header value."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"http://127.0.0.1:{port}/connexion/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    data = urllib.parse.urlencode(
        {"username": "manager1", "password": "demo", "csrfmiddlewaretoken": token.group(1)}
    ).encode()
    opener.open(f"http://127.0.0.1:{port}/connexion/", data=data)
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    assert "sessionid" in cookies, "login failed"
    return cookies


async def _request(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[bytes, bool]:
    """Send one GET and read the whole response; returns (status line, server closes)."""
    writer.write(request)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed by the server")
    length, chunked, close = 0, False, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        key = name.strip().lower()
        if key == "content-length":
            length = int(value)
        elif key == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif key == "connection" and "close" in value.lower():
            close = True
    if chunked:
        while True:
            size = int((await reader.readline()).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.readexactly(length)
    return status_line, close


async def _client(
    port: int, path: str, cookie: str, stop: float, latencies: list[float], errors: list[int]
) -> None:
    """One keep-alive client sending requests back to back until ``stop``.

    A request that takes over 10 s, or a dropped connection, counts as an
    error and the client reconnects: the run always ends on time.
    """
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n"
        "Connection: keep-alive\r\n\r\n"
    ).encode()
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    while time.perf_counter() < stop:
        if connection is None:
            connection = await asyncio.open_connection("127.0.0.1", port)
        reader, writer = connection
        started = time.perf_counter()
        try:
            status_line, close = await asyncio.wait_for(_request(reader, writer, request), 10)
        except (TimeoutError, ConnectionError, asyncio.IncompleteReadError, ValueError):
            errors.append(1)
            writer.close()
            connection = None
            continue
        latencies.append(time.perf_counter() - started)
        if b" 200 " not in status_line:
            errors.append(1)
        if close:
            writer.close()
            connection = None
    if connection is not None:
        connection[1].close()


async def _load(port: int, path: str, cookies: list[str], seconds: float) -> Result:
    """One client per session in ``cookies``, all at once, for ``seconds``."""
    latencies: list[float] = []
    errors: list[int] = []
    stop = time.perf_counter() + seconds
    began = time.perf_counter()
    await asyncio.gather(
        *(_client(port, path, cookie, stop, latencies, errors) for cookie in cookies)
    )
    elapsed = time.perf_counter() - began
    qs = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return Result(
        path,
        len(latencies),
        len(errors),
        qs[49] * 1000,
        qs[94] * 1000,
        qs[98] * 1000,
        len(latencies) / elapsed,
    )


def peak_memory_mib(pid: int) -> float:
    """Sum of VmHWM over the process and its children (gunicorn workers)."""
    pids = [pid]
    try:
        children = subprocess.run(
            ["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        pids += [int(c) for c in children]
    except FileNotFoundError:
        pass
    total_kib = 0
    for p in pids:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        total_kib += int(match.group(1)) if match else 0
    return total_kib / 1024


def run_server(
    name: str, command: list[str], env: dict[str, str], port: int, args: argparse.Namespace
) -> tuple[list[Result], float]:
    server = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # an unread pipe would fill up and stall the server
    )
    try:
        wait_for(port)
        # Each simulated user has a session of their own (as manager1).
        cookies = [login(port) for _ in range(args.concurrency)]
        client = first_client(port, cookies[0])
        results = []
        for page in (p.format(client=client) for p in PAGES):
            asyncio.run(_load(port, page, cookies, min(2.0, args.seconds)))  # warm-up
            results.append(asyncio.run(_load(port, page, cookies, args.seconds)))
        return results, peak_memory_mib(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=600, help="clients per manager (600)")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0, help="per page and server")
    parser.add_argument(
        "--small", action="store_true", help="CI size: 20 clients, 4 connections, 2 s"
    )
    parser.add_argument("--target-p95-ms", type=float, default=150.0)
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="serve with PROBANKER_PAGE_CACHE=0 (every request renders)",
    )
    args = parser.parse_args()
    if args.small:
        args.clients, args.concurrency, args.seconds = 20, 4, 2.0

    with tempfile.TemporaryDirectory(prefix="probanker-bench-") as tmp:
        env = {**os.environ, "PROBANKER_VAR": tmp, "DJANGO_SETTINGS_MODULE": "probanker.settings"}
        env.pop("DATABASE_URL", None)
        if args.no_page_cache:
            env["PROBANKER_PAGE_CACHE"] = "0"
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "probanker.cli",
                "demo",
                "--no-serve",
                "--clients",
                str(args.clients * 3),
            ],
            env=env,
            cwd=ROOT,
            check=True,
            stderr=subprocess.DEVNULL,
        )
        print(f"demo: {args.clients * 3} parties built in {time.perf_counter() - started:.1f} s")
        counts = query_counts(env, PAGES)
        print("queries per page (uncached render):")
        for key, (status, queries) in counts.items():
            print(f"  {key:<32} {queries:>4} queries (HTTP {status})")
        port = free_port()
        ours, ours_mem = run_server(
            "probanker serve",
            [sys.executable, "-m", "probanker.cli", "serve", "--port", str(port)],
            env,
            port,
            args,
        )
        port = free_port()
        reference, ref_mem = run_server(
            "runserver",
            [
                sys.executable,
                "-m",
                "probanker.cli",
                "runserver",
                "--noreload",
                "--insecure",
                f"127.0.0.1:{port}",
            ],
            {**env, "DEBUG": "0"},
            port,
            args,
        )

    print(
        f"\n{args.concurrency} concurrent clients, {args.seconds:.0f} s per page, manager1 with {args.clients} clients"
    )
    print(
        f"{'page':<12}{'server':<18}{'requests':>9}{'errors':>7}{'rps':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
    )
    ok = True
    for mine, ref in zip(ours, reference, strict=True):
        for label, r in (("probanker", mine), ("runserver (ref)", ref)):
            print(
                f"{r.page:<12}{label:<18}{r.requests:>9}{r.errors:>7}{r.rps:>8.0f}{r.p50:>9.1f}{r.p95:>9.1f}{r.p99:>9.1f}"
            )
        ratio = ref.p95 / mine.p95 if mine.p95 else float("inf")
        print(f"{mine.page:<12}p95 ratio reference/probanker = {ratio:.2f}x")
        ok = ok and mine.errors == 0 and (args.small or mine.p95 < args.target_p95_ms)
    print(f"peak memory: probanker {ours_mem:.0f} MiB (all workers), runserver {ref_mem:.0f} MiB")
    print("target p95 < {:.0f} ms: {}".format(args.target_p95_ms, "met" if ok else "NOT met"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
