"""Load benchmark of the web application (a script, not a test).

Starts ``ggzregio serve`` (``--workers``, default 2) on a fresh demo database (SQLite file, or
``--database-url``) and loads it from this process on loopback with a small HTTP/1.1
keep-alive client on asyncio (uvloop when installed): one coroutine per client, one
connection each, a few microseconds of CPU per request, so on a 2-core machine most of the
CPU is left to the server it measures (``--client-processes`` spreads the clients over more
processes).

Default mode, visitor and member side by side: per read a warm-up, then ``--seconds`` with
``--concurrency`` clients (API reads, default 50) or :data:`PAGE_CLIENTS` (pages, 10), once
anonymous and once as a member (API reads with an ``Authorization: Bearer`` token, pages with
the session cookie of a sign-in through ``POST /login``). Reports requests per second, p50,
p95 and p99, and the member's share of the visitor's throughput.

``--stress``: ``--stress-clients`` (100) at once for ``--seconds`` (default 30): mixed reads
(public and member API reads, pages), report downloads (``rapport.pdf`` and ``.html``, at most
``--report-clients``, 30, in parallel), one editor uploading the region's area table through
the region page's form every ``--upload-every`` seconds, and ``/healthz`` polled every 50 ms.
Counts answers by status code per class and reports p50/p95/max; exits 1 on any 5xx other than
503, on a client timeout, or when ``/healthz`` took 100 ms or more.

    python benchmarks/bench_web.py [--seconds 5] [--concurrency 50] [--workers 2]
    python benchmarks/bench_web.py --stress [--seconds 30] [--stress-clients 100]

Bounded in count and time; only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import multiprocessing
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import httpx
import numpy as np

API_READS = (
    "/api/v1/regions?size=50",
    "/api/v1/regions/RG01",
    "/api/v1/regions/RG01/estimates?size=50",
    "/api/v1/regions/RG01/monitor?size=100",
    "/api/v1/scenarios",
    "/api/v1/monitor/progress?size=50",
    "/api/v1/monitor/benchmark?size=50",
    "/api/v1/estimates?level=total",
)
#: Reads only a member may make (no visitor figure to compare with).
MEMBER_ONLY = ("/api/v1/regions/RG01/comparison?size=50", "/api/v1/me")
PAGES = ("/regio/RG01", "/")
PAGE_CLIENTS = 10
REPORTS = ("/regio/RG01/rapport.pdf", "/regio/RG01/rapport.html")
#: The member whose token and session are used (editor of RG01, the region read).
MEMBER = "redacteur@demo.ggzregio.nl"
PASSWORD = "demo-wachtwoord"
REGION = "RG01"
HEALTH_EVERY_S = 0.05
HEALTH_TARGET_MS = 100.0
#: Seconds after which the client gives up on an answer (counted as "timeout").
CLIENT_TIMEOUT_S = 60.0
#: Statuses that are answers under load, not failures (503/429 come with Retry-After).
EXPECTED = frozenset({200, 303, 429, 503})


@dataclass(frozen=True)
class Req:
    """One request: its class (for the tables), method, path, extra headers and body."""

    label: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()
    method: str = "GET"
    body: bytes = b""

    def raw(self) -> bytes:
        lines = [f"{self.method} {self.path} HTTP/1.1", "Host: 127.0.0.1"]
        lines += [f"{name}: {value}" for name, value in self.headers]
        if self.body or self.method != "GET":
            lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + self.body


@dataclass
class Tally:
    """Latencies (seconds) and status counts of one class of requests."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    retry_after_missing: int = 0

    def add(self, seconds: float, status: str) -> None:
        self.latencies.append(seconds)
        self.statuses[status] += 1

    def merge(self, other: Tally) -> None:
        self.latencies += other.latencies
        self.statuses.update(other.statuses)
        self.retry_after_missing += other.retry_after_missing

    def summary(self, elapsed: float) -> dict[str, float]:
        ms = np.array(self.latencies or [0.0]) * 1000
        return {
            "requests": len(self.latencies),
            "rps": len(self.latencies) / elapsed if elapsed else 0.0,
            "p50_ms": float(np.percentile(ms, 50)),
            "p95_ms": float(np.percentile(ms, 95)),
            "p99_ms": float(np.percentile(ms, 99)),
            "max_ms": float(ms.max()),
        }


class Connection:
    """One HTTP/1.1 keep-alive connection (reopened when the server closes it)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, raw: bytes) -> tuple[int, dict[bytes, bytes], bytes]:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(
                "127.0.0.1", self.port, limit=1 << 20
            )
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        headers: dict[bytes, bytes] = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(b":")
                headers[name.strip().lower()] = value.strip()
        if b"content-length" in headers:
            body = await self.reader.readexactly(int(headers[b"content-length"]))
        elif headers.get(b"transfer-encoding") == b"chunked":
            body = await self._chunked()
        else:
            body = b""
        if headers.get(b"connection") == b"close" or lines[0].startswith(b"HTTP/1.0"):
            self.close()
        return status, headers, body

    async def _chunked(self) -> bytes:
        assert self.reader is not None
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            parts.append(await self.reader.readexactly(size + 2))
            if size == 0:
                return b"".join(p[:-2] for p in parts)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def timed(connection: Connection, req: Req, tally: Tally) -> bytes:
    """Send ``req``, record its latency and status (``timeout``/``error`` when none came)."""
    start = time.perf_counter()
    try:
        status, headers, body = await asyncio.wait_for(
            connection.request(req.raw()), CLIENT_TIMEOUT_S
        )
    except TimeoutError:
        connection.close()
        tally.add(time.perf_counter() - start, "timeout")
        return b""
    except (OSError, asyncio.IncompleteReadError, ValueError):
        connection.close()
        tally.add(time.perf_counter() - start, "error")
        return b""
    tally.add(time.perf_counter() - start, str(status))
    if status in (429, 503) and b"retry-after" not in headers:
        tally.retry_after_missing += 1
    return body


# --- the load itself (one process; run_clients spreads clients over processes) -------------


@dataclass(frozen=True)
class Plan:
    """What the clients of one run do: each client cycles through its list of requests."""

    port: int
    seconds: float
    clients: list[list[Req]]
    editor: list[Req] = field(default_factory=list)
    upload_every: float = 3.0
    health: bool = False


async def _client(
    port: int, requests: Sequence[Req], stop: float, tallies: dict[str, Tally]
) -> None:
    connection = Connection(port)
    i = 0
    while time.perf_counter() < stop:
        req = requests[i % len(requests)]
        await timed(connection, req, tallies.setdefault(req.label, Tally()))
        i += 1
    connection.close()


async def _paced(
    port: int, requests: Sequence[Req], every: float, stop: float, tallies: dict[str, Tally]
) -> None:
    """Requests at a steady pace (the editor's uploads, the health poll)."""
    connection = Connection(port)
    i = 0
    while time.perf_counter() < stop:
        begin = time.perf_counter()
        req = requests[i % len(requests)]
        await timed(connection, req, tallies.setdefault(req.label, Tally()))
        i += 1
        await asyncio.sleep(max(0.0, every - (time.perf_counter() - begin)))
    connection.close()


async def _run(plan: Plan) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    stop = time.perf_counter() + plan.seconds
    work = [_client(plan.port, reqs, stop, tallies) for reqs in plan.clients]
    if plan.editor:
        work.append(_paced(plan.port, plan.editor, plan.upload_every, stop, tallies))
    if plan.health:
        work.append(_paced(plan.port, [Req("healthz", "/healthz")], HEALTH_EVERY_S, stop, tallies))
    await asyncio.gather(*work)
    return tallies


def _run_in_process(plan: Plan) -> dict[str, Tally]:
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    return asyncio.run(_run(plan))


def run_clients(plan: Plan, processes: int = 1) -> tuple[dict[str, Tally], float]:
    """Run ``plan`` (its clients split over ``processes``); tallies per class and seconds."""
    begin = time.perf_counter()
    if processes <= 1:
        found = [_run_in_process(plan)]
    else:
        parts = [  # the editor and the health poll in the first process only
            replace(plan, clients=plan.clients[i::processes], editor=[], health=False)
            for i in range(1, processes)
        ]
        parts.insert(0, replace(plan, clients=plan.clients[::processes]))
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            found = pool.map(_run_in_process, parts)
    elapsed = time.perf_counter() - begin
    merged: dict[str, Tally] = {}
    for tallies in found:
        for label, tally in tallies.items():
            merged.setdefault(label, Tally()).merge(tally)
    return merged, elapsed


# --- credentials and the editor's upload ------------------------------------------------------


@dataclass(frozen=True)
class Member:
    token: str
    session: str
    csrf: str

    @property
    def bearer(self) -> tuple[tuple[str, str], ...]:
        return (("Authorization", f"Bearer {self.token}"),)

    @property
    def cookie(self) -> tuple[tuple[str, str], ...]:
        return (("Cookie", f"ggzregio_session={self.session}"),)


def sign_in(base: str, email: str) -> tuple[str, str]:
    """A session for ``email`` through the sign-in form (double-submit CSRF cookie and
    field), and the session's CSRF token (from the region page's forms)."""
    with httpx.Client(base_url=base, timeout=30) as client:
        client.get("/login").raise_for_status()
        form = {"email": email, "password": PASSWORD, "next": "/"}
        answer = client.post("/login", data={**form, "csrf_token": client.cookies["ggzregio_csrf"]})
        if answer.status_code != 303 or "ggzregio_session" not in client.cookies:
            raise SystemExit(f"sign-in of {email} failed: {answer.status_code}")
        session = client.cookies["ggzregio_session"]
        page = client.get(f"/regio/{REGION}").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    if found is None:
        raise SystemExit("no CSRF token on the region page")
    return session, found.group(1)


def area_upload(member: Member) -> Req:
    """The region's own demo area table, uploaded through the region page's form."""
    from importlib import resources

    text = (resources.files("ggzregio") / "data" / "demo" / "demo_areas.csv").read_text("utf-8")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["region_code"] == REGION]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        f'{member.csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{REGION}.csv"\r\nContent-Type: text/csv\r\n\r\n{out.getvalue()}\r\n'
        f"--{boundary}--\r\n"
    ).encode()
    headers = (*member.cookie, ("Content-Type", f"multipart/form-data; boundary={boundary}"))
    return Req("upload (editor)", f"/regio/{REGION}/gebieden", headers, "POST", body)


# --- the two modes -----------------------------------------------------------------------------


def side_by_side(
    port: int, member: Member, seconds: float, concurrency: int, processes: int
) -> list[tuple[str, int, dict[str, float] | None, dict[str, float]]]:
    """(read, clients, visitor figures or None, member figures) per read."""
    cases = [(p, concurrency, True, member.bearer) for p in API_READS]
    cases += [(p, concurrency, False, member.bearer) for p in MEMBER_ONLY]
    cases += [(p, PAGE_CLIENTS, True, member.cookie) for p in PAGES]
    rows = []
    for path, clients, public, credentials in cases:
        figures: list[dict[str, float] | None] = []
        for headers in ((), credentials):
            if not headers and not public:
                figures.append(None)
                continue
            req = Req(path, path, headers)
            warm = Plan(port, min(1.0, seconds), [[req]] * clients)
            run_clients(warm, processes)
            tallies, elapsed = run_clients(Plan(port, seconds, [[req]] * clients), processes)
            tally = tallies[path]
            figures.append({**tally.summary(elapsed), "errors": _errors(tally)})
        visitor, member_figures = figures
        assert member_figures is not None
        rows.append((path, clients, visitor, member_figures))
    return rows


def _errors(tally: Tally) -> int:
    return sum(n for status, n in tally.statuses.items() if status != "200")


def stress_plan(
    port: int, member: Member, seconds: float, clients: int, reporters: int, every: float
) -> Plan:
    reads = [Req("api visitor", p) for p in API_READS]
    reads += [Req("api member", p, member.bearer) for p in (*API_READS, *MEMBER_ONLY)]
    reads += [Req("page visitor", p) for p in PAGES]
    reads += [Req("page member", p, member.cookie) for p in PAGES]
    reports = [Req("report visitor", p) for p in REPORTS]
    reports += [Req("report member", p, member.cookie) for p in REPORTS]
    lists = [reports[i:] + reports[:i] for i in range(len(reports))]
    plan_clients = [lists[i % len(lists)] for i in range(min(reporters, clients))]
    plan_clients += [
        reads[i % len(reads) :] + reads[: i % len(reads)]
        for i in range(clients - len(plan_clients))
    ]
    return Plan(port, seconds, plan_clients, [area_upload(member)], every, health=True)


def print_side_by_side(
    rows: list[tuple[str, int, dict[str, float] | None, dict[str, float]]],
) -> None:
    print(
        f"{'read':42} {'cl':>3} | {'visitor req/s':>13} {'p50':>6} {'p95':>6} {'p99':>6} "
        f"{'err':>4} | {'member req/s':>12} {'p50':>6} {'p95':>6} {'p99':>6} {'err':>4} | share"
    )
    for path, clients, visitor, member in rows:
        left = (
            f"{visitor['rps']:13.0f} {visitor['p50_ms']:6.1f} {visitor['p95_ms']:6.1f} "
            f"{visitor['p99_ms']:6.1f} {visitor['errors']:4.0f}"
            if visitor
            else f"{'(members only)':>13} {'':6} {'':6} {'':6} {'':4}"
        )
        share = f"{member['rps'] / visitor['rps']:5.2f}" if visitor and visitor["rps"] else "   -"
        print(
            f"{path:42} {clients:3d} | {left} | {member['rps']:12.0f} {member['p50_ms']:6.1f} "
            f"{member['p95_ms']:6.1f} {member['p99_ms']:6.1f} {member['errors']:4.0f} | {share}"
        )


def print_stress(tallies: dict[str, Tally], elapsed: float) -> bool:
    """The stress table; True when every target held."""
    print(
        f"{'class':18} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'max ms':>8}  statuses"
    )
    ok = True
    for label in sorted(tallies):
        tally = tallies[label]
        s = tally.summary(elapsed)
        statuses = " ".join(f"{k}:{v}" for k, v in sorted(tally.statuses.items()))
        print(
            f"{label:18} {s['requests']:8d} {s['rps']:7.1f} {s['p50_ms']:8.1f} "
            f"{s['p95_ms']:8.1f} {s['max_ms']:8.1f}  {statuses}"
        )
        if any(k not in {str(e) for e in EXPECTED} for k in tally.statuses):
            ok = False
        if tally.retry_after_missing:
            print(f"  {tally.retry_after_missing} answers 429/503 without Retry-After")
            ok = False
    health = tallies.get("healthz")
    worst = health.summary(elapsed)["max_ms"] if health else float("inf")
    print(f"/healthz max {worst:.1f} ms (target < {HEALTH_TARGET_MS:.0f} ms)")
    return ok and worst < HEALTH_TARGET_MS


# --- the server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(url: str) -> str:
    """The demo database at ``url`` and a fresh API token of the member."""
    exe = Path(sys.executable).parent / "ggzregio"
    subprocess.run([str(exe), "db", "load-demo", "--database-url", url], check=True)
    command = [str(exe), "users", "token", MEMBER, "--database-url", url]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.split()[-1]


def start_server(url: str, workers: int, port: int) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "ggzregio"
    command = [
        str(exe),
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--database-url",
        url,
        "--insecure-cookies",
    ]
    server = subprocess.Popen(command, env={**os.environ, "GGZREGIO_LANG": "nl"})
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--client-processes", type=int, default=1)
    parser.add_argument("--stress", action="store_true")
    parser.add_argument("--stress-clients", type=int, default=100)
    parser.add_argument("--report-clients", type=int, default=30)
    parser.add_argument("--upload-every", type=float, default=3.0)
    args = parser.parse_args(argv)
    seconds = args.seconds or (30.0 if args.stress else 5.0)
    folder = Path(tempfile.mkdtemp(prefix="ggzregio-bench-"))
    url = args.database_url or f"sqlite:///{folder / 'bench.db'}"
    token = prepare(url)
    port = free_port()
    server = start_server(url, args.workers, port)
    base = f"http://127.0.0.1:{port}"
    try:
        member = Member(token, *sign_in(base, MEMBER))
        header = (
            f"ggzregio web load benchmark: {args.workers} worker(s), {url.split(':')[0]}, "
            f"asyncio HTTP/1.1 client in {args.client_processes} process(es), {seconds:g} s"
        )
        if args.stress:
            plan = stress_plan(
                port, member, seconds, args.stress_clients, args.report_clients, args.upload_every
            )
            tallies, elapsed = run_clients(plan, args.client_processes)
            print(
                f"{header}, stress: {args.stress_clients} clients ({args.report_clients} "
                f"downloading reports), one editor uploading every {args.upload_every:g} s"
            )
            return 0 if print_stress(tallies, elapsed) else 1
        rows = side_by_side(port, member, seconds, args.concurrency, args.client_processes)
        print(
            f"{header} per read, {args.concurrency} clients for API reads, "
            f"{PAGE_CLIENTS} for pages; member: {MEMBER} (token / session)"
        )
        print_side_by_side(rows)
        return 0
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
