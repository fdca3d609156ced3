"""HTTP speed of the storefront under gunicorn, next to three references.

Usage:
  .venv/bin/python bench/http_bench.py            # 10 s a target, writes README
  .venv/bin/python bench/http_bench.py --quick    # 3 s a target, a smoke run
  .venv/bin/python bench/http_bench.py --no-readme --duration 5

It starts the production stack (scripts/stack.py: PostgreSQL, Redis, the
demo data, a task worker, gunicorn with the page cache), a second gunicorn
of the site with the page cache off, and, each under gunicorn with the same
configuration file and worker count:

* a static file: /static/css/site.css served by the stack's nginx;
* a minimal Django project (``django-admin startproject``, DEBUG off, one
  view returning ``HttpResponse("ok")``), generated in a temporary folder;
* the home page of a fresh ``wagtail start`` project (its production
  settings, SQLite as shipped), generated in a temporary folder.

Each target is loaded alone with ``wrk -t2 -c16`` (a Lua ``done()`` prints
requests/s, p95 latency and errors as JSON): home, catalogue, product and
cooperative pages with the page cache (checked to answer ``hit``) and
without it, and add to cart (a POST by a new visitor every time: CSRF cookie
and token, no session). Then 16 clients place orders on PostgreSQL through
the real forms until one variant's stock runs out, and SQL checks that no
unit was sold twice. Last, the cached product page is loaded again while
orders for the variant it shows are placed through the real checkout in
the background at a steady rate (``--sales-rate``, 1 order/s by default):
its throughput against its quiet run (the target: at least 80 %).

The results replace the "HTTP benchmark" section of bench/README.md
(between its markers). Every process and temporary folder is removed at the
end, also on failure or Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import html
import http.cookiejar
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from stack import VENV_BIN, Stack, _pg_bin, free_port, wait_for_http  # noqa: E402

README = ROOT / "bench" / "README.md"
START_MARK = "<!-- http-bench:start (written by bench/http_bench.py) -->"
END_MARK = "<!-- http-bench:end -->"
LANG = "fr"
HOST_HEADER_OK = ("127.0.0.1", "localhost")
CITY = "Casablanca"
PROVINCE = "MA-CAS"  # its prefecture: the checkout prices delivery by it
SALES_STOCK = 10_000  # units for the orders placed while a page is loaded

LUA_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "rps": %.3f, "p50_us": %d, '
    .. '"p95_us": %d, "p99_us": %d, "max_us": %d, "status_errors": %d, '
    .. '"connect": %d, "read": %d, "write": %d, "timeout": %d}\\n',
    summary.requests, summary.duration,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, e.status, e.connect, e.read, e.write, e.timeout))
end
"""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# -- HTTP without redirects, with cookies ---------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """One visitor: a cookie jar, no redirect followed, statuses kept."""

    def __init__(self, base: str, cookies: bool = True):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        handlers = [_NoRedirect()]
        if cookies:
            handlers.append(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener = urllib.request.build_opener(*handlers)
        self.statuses: list[int] = []

    def request(
        self, path: str, data: dict | None = None, headers: dict | None = None
    ) -> Answer:
        url = path if path.startswith("http") else self.base + path
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                answer = Answer(
                    response.status, dict(response.headers), response.read()
                )
        except urllib.error.HTTPError as error:
            answer = Answer(error.code, dict(error.headers), error.read())
        self.statuses.append(answer.status)
        return answer

    def cookie(self, name: str) -> str | None:
        for cookie in self.jar:
            if cookie.name == name:
                return cookie.value
        return None


def fetch(url: str, **kwargs) -> Answer:
    return Browser("", cookies=False).request(url, **kwargs)


def form_token(page: str, name: str = "csrfmiddlewaretoken") -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', page)
    if not found:
        raise RuntimeError(f"no {name} in the form")
    return found.group(1)


def page_messages(page: str) -> list[tuple[str, str]]:
    return [
        (tag, html.unescape(re.sub(r"<[^>]+>", "", text)).strip())
        for tag, text in re.findall(
            r'<li class="message message--(\w+)">(.*?)</li>', page, re.S
        )
    ]


# -- processes ------------------------------------------------------------------


class LoggedStack(Stack):
    """The stack, with each process's output kept in a log file of ours
    (scanned for server errors before everything is removed)."""

    def __init__(self, *, log_dir: Path, **kwargs):
        super().__init__(**kwargs)
        self.log_dir = log_dir

    def _spawn(self, args, env=None):
        name = f"{len(self.processes):02d}-{Path(args[0]).name}"
        if "--bind" in args:
            name += "-" + args[args.index("--bind") + 1].rsplit(":", 1)[-1]
        with open(self.log_dir / f"{name}.log", "wb") as output:
            process = subprocess.Popen(
                args, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
            )
        self.processes.append(process)
        return process


def proxied(proxy, url: str) -> str:
    """`url` (an app's address and path) through an nginx of its own."""
    parts = urllib.parse.urlsplit(url)
    return proxy(f"{parts.scheme}://{parts.netloc}", parts.path) + parts.path


class References:
    """The reference apps: their folders and gunicorns."""

    def __init__(self, folder: Path, log_dir: Path, workers: int):
        self.folder = folder
        self.log_dir = log_dir
        self.workers = workers
        self.processes: list[subprocess.Popen] = []

    def _clean_env(self, settings: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "GUNICORN_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE=settings,
            GUNICORN_ACCESS_LOG="0",
            PYTHONDONTWRITEBYTECODE="1",
        )
        if "GUNICORN_MAX_REQUESTS" in os.environ:
            env["GUNICORN_MAX_REQUESTS"] = os.environ["GUNICORN_MAX_REQUESTS"]
        return env

    def _run(self, args: list[str], cwd: Path, env: dict[str, str]) -> None:
        result = subprocess.run(
            args, cwd=cwd, env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{shlex.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )

    def _gunicorn(self, name: str, directory: Path, module: str, env) -> str:
        port = free_port()
        with open(self.log_dir / f"ref-{name}.log", "wb") as output:
            process = subprocess.Popen(
                [str(VENV_BIN / "gunicorn")]
                + ["-c", str(ROOT / "storefront" / "gunicorn.conf.py")]
                + ["--chdir", str(directory), "--workers", str(self.workers)]
                + ["--bind", f"127.0.0.1:{port}"]
                + ["--control-socket", str(self.folder / f"{name}.ctl")]
                + [module],
                cwd=directory,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.processes.append(process)
        return f"http://127.0.0.1:{port}"

    def minimal_django(self) -> str:
        directory = self.folder / "minimal"
        directory.mkdir()
        env = self._clean_env("minimal.settings")
        self._run(
            [str(VENV_BIN / "django-admin"), "startproject", "minimal", str(directory)],
            self.folder,
            env,
        )
        settings = directory / "minimal" / "settings.py"
        text = settings.read_text()
        for old, new in (
            ("DEBUG = True", "DEBUG = False"),
            ("ALLOWED_HOSTS = []", f"ALLOWED_HOSTS = {list(HOST_HEADER_OK)!r}"),
        ):
            if old not in text:
                raise RuntimeError(f"startproject settings lack {old!r}")
            text = text.replace(old, new)
        settings.write_text(text)
        (directory / "minimal" / "views.py").write_text(
            "from django.http import HttpResponse\n\n\n"
            "def ok(request):\n"
            '    return HttpResponse("ok")\n'
        )
        urls = directory / "minimal" / "urls.py"
        urls.write_text(
            urls.read_text()
            + "\nfrom minimal.views import ok  # noqa: E402\n\n"
            + 'urlpatterns.append(path("ok/", ok))\n'
        )
        url = self._gunicorn("minimal", directory, "minimal.wsgi", env)
        wait_for_http(url + "/ok/")
        return url + "/ok/"

    def fresh_wagtail(self) -> str:
        directory = self.folder / "wagtail"
        directory.mkdir()
        env = self._clean_env("benchref.settings.production")
        self._run(
            [str(VENV_BIN / "wagtail"), "start", "benchref", str(directory)],
            self.folder,
            env,
        )
        (directory / "benchref" / "settings" / "local.py").write_text(
            f"SECRET_KEY = {secrets.token_urlsafe(50)!r}\n"
            f"ALLOWED_HOSTS = {list(HOST_HEADER_OK)!r}\n"
        )
        python = str(VENV_BIN / "python")
        self._run([python, "manage.py", "migrate", "--noinput"], directory, env)
        self._run([python, "manage.py", "collectstatic", "--noinput"], directory, env)
        url = self._gunicorn("wagtail", directory, "benchref.wsgi", env)
        wait_for_http(url + "/")
        return url + "/"

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()


# -- other load on the machine ------------------------------------------------------


class CpuWatch:
    """CPU time used by processes that are not the benchmark's (its own
    process tree and PostgreSQL's), to tell whether a figure was measured on
    a quiet machine. Each process counts its own time and that of the
    children it reaped, so short-lived processes are not missed."""

    TICK = os.sysconf("SC_CLK_TCK")

    def __init__(self):
        self.postmasters: list[Path] = []

    @staticmethod
    def _processes() -> dict[int, tuple[int, int]]:
        found = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = (entry / "stat").read_text()
                rest = stat[stat.rindex(")") + 2 :].split()
                ticks = sum(int(v) for v in rest[11:15])  # utime stime cutime cstime
                found[int(entry.name)] = (int(rest[1]), ticks)
        return found

    def _ours(self, processes: dict[int, tuple[int, int]]) -> set[int]:
        roots = {os.getpid()}
        for pid_file in self.postmasters:
            with contextlib.suppress(OSError, ValueError, IndexError):
                roots.add(int(pid_file.read_text().split()[0]))
        children: dict[int, list[int]] = {}
        for pid, (ppid, _ticks) in processes.items():
            children.setdefault(ppid, []).append(pid)
        ours, todo = set(), list(roots)
        while todo:
            pid = todo.pop()
            if pid not in ours:
                ours.add(pid)
                todo.extend(children.get(pid, ()))
        return ours

    def snapshot(self) -> tuple[float, dict[int, int]]:
        processes = self._processes()
        ours = self._ours(processes)
        return time.monotonic(), {
            pid: ticks
            for pid, (ppid, ticks) in processes.items()
            if pid not in ours and pid != 2 and ppid != 2  # not kernel threads
        }

    @classmethod
    def share(cls, before, after) -> float:
        """Other processes' CPU between two snapshots, as a share of the
        machine (1.0 = every core busy)."""
        seconds = (sum(after[1].values()) - sum(before[1].values())) / cls.TICK
        return max(0.0, seconds / ((after[0] - before[0]) * (os.cpu_count() or 1)))

    @staticmethod
    def busiest(before, after, count: int = 3) -> str:
        """The other processes that used the most CPU between two snapshots."""
        used = sorted(
            ((ticks - before[1].get(pid, 0), pid) for pid, ticks in after[1].items()),
            reverse=True,
        )[:count]
        names = []
        for ticks, pid in used:
            if ticks <= 0:
                continue
            with contextlib.suppress(OSError):
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
                command = command.replace(b"\0", b" ").decode(errors="replace")
                names.append(
                    f"{pid} {command[:70].strip()} ({ticks / CpuWatch.TICK:.1f} s)"
                )
        return "; ".join(names)

    def wait_quiet(self, limit: float, most: float = 0.15) -> float:
        """Wait (up to `limit` s) until other processes use less than `most`
        of the machine over a second; returns the last share seen."""
        deadline = time.monotonic() + limit
        waited = False
        while True:
            before = self.snapshot()
            time.sleep(1)
            share = self.share(before, self.snapshot())
            if share < most or time.monotonic() > deadline:
                if waited:
                    log(f"other processes now use {share:.0%} of the machine")
                return share
            if not waited:
                log(
                    f"other processes use {share:.0%} of the machine, waiting: "
                    + self.busiest(before, self.snapshot())
                )
                waited = True


# -- wrk ------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    url: str
    rps: float = 0.0
    p95_ms: float = 0.0
    requests: int = 0
    status_errors: int = 0
    socket_errors: int = 0
    foreign_cpu: float = 0.0
    restarts: int = 0
    raw: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class Wrk:
    def __init__(self, folder: Path, args):
        self.folder = folder
        self.log_dir = folder / "logs"
        self.duration = args.duration
        self.warmup = args.warmup
        self.quiet_wait = args.quiet_wait
        self.retries = args.retries
        self.cpu = CpuWatch()
        self.count = 0

    def _boots(self) -> int:
        """gunicorn workers started so far (max_requests restarts them)."""
        return sum(
            path.read_text(errors="replace").count("Booting worker")
            for path in self.log_dir.glob("*.log")
        )

    def script(self, prelude: str = "") -> Path:
        self.count += 1
        path = self.folder / f"wrk-{self.count}.lua"
        path.write_text(prelude + LUA_DONE)
        return path

    def _run(self, url: str, script: Path, seconds: float) -> dict:
        args = ["wrk", "-t2", "-c16", f"-d{seconds:g}s", "--timeout", "10s"]
        args += ["-s", str(script), url]
        result = subprocess.run(
            args, capture_output=True, text=True, timeout=seconds + 60, check=False
        )
        lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
        if result.returncode != 0 or not lines:
            raise RuntimeError(f"wrk failed:\n{result.stdout}\n{result.stderr}")
        return json.loads(lines[-1])

    def measure(self, name: str, url: str, prelude: str = "") -> Result:
        """Load `url` alone; measured again (up to `retries` times) when other
        processes took over 10 % of the machine, keeping the quietest run."""
        script = self.script(prelude)
        tries: list[Result] = []
        for _attempt in range(1 + self.retries):
            tries.append(self._measure_once(name, url, script))
            if tries[-1].foreign_cpu <= 0.10:
                break
        result = min(tries, key=lambda r: r.foreign_cpu)
        if len(tries) > 1:
            loads = ", ".join(f"{r.foreign_cpu:.0%}" for r in tries)
            result.notes.append(f"measured {len(tries)} times (other load {loads})")
            errors = sum(r.status_errors + r.socket_errors for r in tries)
            if errors > result.status_errors + result.socket_errors:
                result.notes.append(f"{errors} errors over all the runs")
        return result

    def _measure_once(self, name: str, url: str, script: Path) -> Result:
        self.cpu.wait_quiet(self.quiet_wait)
        if self.warmup:
            self._run(url, script, self.warmup)
        boots = self._boots()
        before = self.cpu.snapshot()
        raw = self._run(url, script, self.duration)
        after = self.cpu.snapshot()
        foreign = self.cpu.share(before, after)
        if foreign > 0.10:
            log(f"other processes meanwhile: {self.cpu.busiest(before, after)}")
        result = Result(
            name=name,
            url=url,
            rps=raw["rps"],
            p95_ms=raw["p95_us"] / 1000,
            requests=raw["requests"],
            status_errors=raw["status_errors"],
            socket_errors=raw["connect"] + raw["read"] + raw["write"] + raw["timeout"],
            foreign_cpu=foreign,
            restarts=self._boots() - boots,
            raw=raw,
        )
        log(
            f"{name}: {result.rps:,.0f} req/s, p95 {result.p95_ms:.1f} ms, "
            f"{result.status_errors} status errors, {result.socket_errors} socket; "
            f"{result.restarts} worker restarts, other processes {foreign:.0%} CPU"
        )
        return result


# -- the bench ------------------------------------------------------------------


class Bench:
    def __init__(self, args):
        self.args = args
        self.folder = Path(tempfile.mkdtemp(prefix="tadamon-http-bench-"))
        self.log_dir = self.folder / "logs"
        self.log_dir.mkdir()
        self.wrk = Wrk(self.folder, args)
        self.results: list[Result] = []
        self.problems: list[str] = []  # failures: the exit status is 1
        self.warnings: list[str] = []
        self.checks: list[str] = []
        self.orders: dict = {}
        self.sales: dict = {}
        self.stopping = threading.Event()

    # -- SQL ---------------------------------------------------------------------

    def sql(self, query: str) -> list[list[str]]:
        result = subprocess.run(
            [str(_pg_bin() / "psql"), "-h", "127.0.0.1", "-p", str(self.stack.pg_port)]
            + ["-U", "tadamon", "-d", "tadamon", "-AtX", "-F", "\t", "-c", query],
            capture_output=True,
            text=True,
            check=True,
        )
        return [line.split("\t") for line in result.stdout.splitlines() if line]

    def sql_value(self, query: str) -> int:
        return int(self.sql(query)[0][0])

    # -- discovery and checks ----------------------------------------------------

    def discover(self) -> None:
        base = self.stack.url
        catalogue = f"/{LANG}/produits/"
        answer = fetch(base + catalogue)
        if answer.status != 200:
            raise RuntimeError(f"catalogue {catalogue}: {answer.status}")
        products = re.findall(rf'href="(/{LANG}/produits/[^"/]+/)"', answer.text)
        home = fetch(base + f"/{LANG}/").text
        cooperatives = re.findall(rf'href="(/{LANG}/cooperatives/[^"/]+/)"', home)
        if not products or not cooperatives:
            raise RuntimeError("no product or cooperative link found")
        # The first product of the catalogue that can be added to a cart.
        for path in dict.fromkeys(products):
            skus = re.findall(r'name="sku" value="([^"]+)"', fetch(base + path).text)
            if skus:
                break
        else:
            raise RuntimeError("no product page with an add-to-cart form")
        self.sku = skus[0]
        self.paths = {
            "home": f"/{LANG}/",
            "catalogue": catalogue,
            "product": path,
            "cooperative": cooperatives[0],
        }
        log(f"pages: {self.paths}; SKU for cart and orders: {self.sku}")

    def check_page(self, url: str, cached: bool) -> list[str]:
        first = fetch(url)
        second = fetch(url)
        for answer in (first, second):
            if answer.status != 200:
                raise RuntimeError(f"{url} answered {answer.status}")
        state = second.headers.get("X-Page-Cache")
        if cached and state != "hit":
            raise RuntimeError(f"{url}: X-Page-Cache {state!r} after warming")
        if not cached and state is not None:
            raise RuntimeError(f"{url}: X-Page-Cache {state!r} with the cache off")
        return [f"X-Page-Cache: {state}"] if cached else ["no X-Page-Cache header"]

    # -- steps ---------------------------------------------------------------------

    def pages(self) -> None:
        instances = (
            ("cached", self.stack.url),
            ("uncached", self.uncached_url),
            ("rendered in full", self.rendered_url),
        )
        for kind, base in instances:
            cached = kind == "cached"
            for name, path in self.paths.items():
                label = f"{name} page, {kind} (`{path}`)"
                url = base + path
                notes = self.check_page(url, cached)
                result = self.wrk.measure(label, url)
                if cached:
                    after = fetch(url).headers.get("X-Page-Cache")
                    if after != "hit":
                        self.problems.append(f"{label}: X-Page-Cache {after} after run")
                result.notes = notes
                self.results.append(result)

    def add_to_cart(self) -> None:
        base = self.stack.url
        visitor = Browser(base)
        status = visitor.request(f"/{LANG}/cart/status/")
        token = json.loads(status.body)["csrf_token"]
        cookie = visitor.cookie("csrftoken")
        if status.status != 200 or not cookie:
            raise RuntimeError("cart status gave no CSRF cookie")
        form = {
            "sku": self.sku,
            "quantity": "1",
            "next": f"/{LANG}/cart/",
            "csrfmiddlewaretoken": token,
        }
        body = urllib.parse.urlencode(form)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
        }
        # One by hand first: a 302 to `next`, and the cart holds the item.
        probe = Browser(base)
        probe.jar.set_cookie(_cookie("csrftoken", cookie))
        answer = probe.request(f"/{LANG}/cart/add/", data=form)
        if answer.status != 302 or answer.headers.get("Location") != form["next"]:
            raise RuntimeError(
                f"add to cart answered {answer.status} "
                f"{answer.headers.get('Location')}: {answer.text[:300]}"
            )
        count = json.loads(probe.request(f"/{LANG}/cart/status/").body)["count"]
        if count != 1:
            raise RuntimeError(f"after one add to cart the cart holds {count}")
        # Without cookies the CSRF check must refuse (so 302s are not a fluke).
        refused = fetch(base + f"/{LANG}/cart/add/", data=form).status
        if refused != 403:
            self.problems.append(f"add to cart without CSRF cookie: {refused}, not 403")
        prelude = f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n' + "".join(
            f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}\n"
            for k, v in headers.items()
        )
        carts_before = self.sql_value("SELECT count(*) FROM shop_cart")
        result = self.wrk.measure(
            f"add to cart, new visitor (POST `/{LANG}/cart/add/`)",
            base + f"/{LANG}/cart/add/",
            prelude,
        )
        time.sleep(0.5)
        created = self.sql_value("SELECT count(*) FROM shop_cart") - carts_before
        measured = result.requests
        with_warmup = "" if not self.args.warmup else " (incl. the warm-up run)"
        result.notes = [
            f"302 to next checked; {created:,} carts created{with_warmup} "
            f"for {measured:,} measured requests"
        ]
        if result.status_errors:
            self.problems.append(
                f"add to cart: {result.status_errors} non-2xx/3xx answers (403?)"
            )
        if created < measured:
            self.problems.append(
                f"add to cart: {created} carts created for {measured} requests"
            )
        self.results.append(result)

    def references(self) -> None:
        self.results.append(
            _with_note(
                self.wrk.measure(
                    "static file, nginx (`/static/css/site.css`)",
                    self.stack.url + "/static/css/site.css",
                ),
                "served by the stack's nginx from the collected files",
            )
        )
        self.results.append(
            _with_note(
                self.wrk.measure("minimal Django view (reference)", self.minimal_url),
                "startproject defaults, DEBUG off, HttpResponse('ok')",
            )
        )
        self.results.append(
            _with_note(
                self.wrk.measure(
                    "fresh `wagtail start` home page (reference)", self.wagtail_url
                ),
                "benchref.settings.production, SQLite",
            )
        )

    # -- orders --------------------------------------------------------------------

    def set_stock(self, stock: int) -> None:
        code = f"""
from django.db import transaction
from django.db.models import F
from cooperatives.models import today
from shop.models import Lot, LotStatus, Variant
from core import page_cache
with transaction.atomic():
    variant = Variant.objects.select_for_update().get(sku={self.sku!r})
    lots = list(Lot.objects.select_for_update().filter(variant=variant))
    if lots:
        if len(lots) != 1:
            raise SystemExit("expected one lot, found %d" % len(lots))
        lot = lots[0]
        if lot.status != LotStatus.RELEASED or lot.best_before < today():
            raise SystemExit("the variant's lot cannot be sold")
        delta = {stock} - lot.stock
        if delta < 0:
            raise SystemExit("the lot holds more than {stock}")
        Lot.objects.filter(pk=lot.pk).update(
            received=F("received") + delta, stock=F("stock") + delta
        )
    Variant.objects.filter(pk=variant.pk).update(stock={stock})
page_cache.invalidate()
"""
        self.stack.manage("shell", "-c", code)

    def orders_run(self) -> None:
        args = self.args
        base = self.stack.url
        self.set_stock(args.stock)
        variant_id, stock = (
            int(v)
            for v in self.sql(
                f"SELECT id, stock FROM shop_variant WHERE sku = '{self.sku}'"
            )[0]
        )
        lot_stock = self.sql_value(
            f"SELECT coalesce(sum(stock), {stock}) FROM shop_lot "
            f"WHERE variant_id = {variant_id}"
        )
        if stock != args.stock or lot_stock != args.stock:
            raise RuntimeError(f"stock set to {stock} (lots {lot_stock})")
        lot_sold_before = self.sql_value(
            "SELECT coalesce(sum(sold), 0) FROM shop_lot "
            f"WHERE variant_id = {variant_id}"
        )
        watermark = self.sql_value("SELECT coalesce(max(id), 0) FROM shop_order")
        delivery = self._delivery_method(base)
        log(
            f"orders: stock of {self.sku} set to {stock}; {args.order_clients} "
            f"clients x {args.order_attempts} attempts; delivery method {delivery}"
        )
        tally = OrderTally()
        self.wrk.cpu.wait_quiet(args.quiet_wait)
        cpu_before = self.wrk.cpu.snapshot()
        started = time.monotonic()
        with ThreadPoolExecutor(args.order_clients) as pool:
            futures = [
                pool.submit(self._client, base, client, delivery, tally)
                for client in range(args.order_clients)
            ]
            try:
                for future in futures:
                    future.result()
            finally:
                self.stopping.set()  # on Ctrl-C, clients stop after their step
        wall = time.monotonic() - started
        foreign = self.wrk.cpu.share(cpu_before, self.wrk.cpu.snapshot())

        placed_sql = self.sql_value(
            f"SELECT count(*) FROM shop_order WHERE id > {watermark}"
        )
        units, foreign = (
            int(v)
            for v in self.sql(
                "SELECT coalesce(sum(CASE WHEN variant_id = "
                f"{variant_id} THEN quantity END), 0), "
                f"count(*) FILTER (WHERE variant_id <> {variant_id}) "
                f"FROM shop_orderline WHERE order_id > {watermark}"
            )[0]
        )
        final = self.sql_value(
            f"SELECT stock FROM shop_variant WHERE id = {variant_id}"
        )
        lots = self.sql(
            "SELECT coalesce(sum(stock), -1), coalesce(min(stock), 0), "
            "coalesce(sum(sold), 0), count(*) FROM shop_lot "
            f"WHERE variant_id = {variant_id}"
        )[0]
        lot_final, lot_min, lot_sold, lot_count = (int(v) for v in lots)
        oversell = max(0, units - stock)
        attempts = args.order_clients * args.order_attempts
        self.orders = {
            "clients": args.order_clients,
            "attempts": attempts,
            "initial_stock": stock,
            "placed_clients": tally.placed,
            "placed_sql": placed_sql,
            "units_sold": units,
            "other_lines": foreign,
            "final_stock": final,
            "lot_final": lot_final if lot_count else None,
            "lot_sold": lot_sold - lot_sold_before if lot_count else None,
            "refused_add": tally.refused_add,
            "refused_place": tally.refused_place,
            "refusal_texts": sorted(tally.refusal_texts),
            "unclear_refusals": tally.unclear,
            "server_errors": tally.server_errors,
            "other_errors": tally.other_errors,
            "error_samples": tally.samples[:5],
            "wall_s": wall,
            "orders_per_s": tally.placed / wall if wall else 0.0,
            "requests": tally.requests,
            "place_p50_ms": _percentile(tally.place_ms, 50),
            "place_p95_ms": _percentile(tally.place_ms, 95),
            "oversell": oversell,
            "foreign_cpu": foreign,
        }
        checks = [
            (placed_sql == tally.placed, "orders in the database == orders confirmed"),
            (units == placed_sql, "units sold == orders placed (1 unit each)"),
            (foreign == 0, "no line of another variant"),
            (final == stock - units, "final stock == initial - units sold"),
            (final >= 0 and lot_min >= 0, "stock never negative"),
            (
                not lot_count or lot_final == final,
                "lot stock == variant stock afterwards",
            ),
            (not lot_count or lot_sold - lot_sold_before == units, "lot sold == units"),
            (oversell == 0, "no oversell"),
            (tally.server_errors == 0, "no 5xx answer"),
            (tally.other_errors == 0, "no other unexpected answer"),
            (tally.unclear == 0, "every refusal showed a message"),
            (
                tally.placed == min(stock, attempts),
                "every unit that could be sold was sold",
            ),
        ]
        for ok, text in checks:
            self.checks.append(("ok: " if ok else "FAILED: ") + text)
            if not ok:
                self.problems.append(f"orders: {text} FAILED")
        log(
            f"orders: {tally.placed} placed in {wall:.1f} s "
            f"({self.orders['orders_per_s']:.1f}/s), refused {tally.refused_add} at "
            f"add to cart and {tally.refused_place} at placement, "
            f"{tally.server_errors} 5xx, {tally.other_errors} other errors, "
            f"oversell {oversell}"
        )

    def _delivery_method(self, base: str) -> str:
        """The first delivery method that serves the buyers' city (tried on a
        cart that is never placed)."""
        visitor = Browser(base)
        token = json.loads(visitor.request(f"/{LANG}/cart/status/").body)["csrf_token"]
        visitor.request(
            f"/{LANG}/cart/add/",
            data={"sku": self.sku, "quantity": "1", "csrfmiddlewaretoken": token},
        )
        page = visitor.request(f"/{LANG}/checkout/").text
        methods = re.findall(r'name="delivery_method" value="(\d+)"', page)
        provinces = re.findall(r'<option value="([^"]+)"', _select(page, "province"))
        if "cod" not in re.findall(r'name="payment_method" value="([^"]+)"', page):
            raise RuntimeError("cash on delivery is not offered")
        if PROVINCE not in provinces:
            raise RuntimeError(f"the checkout offers no province {PROVINCE}")
        self.city = CITY
        for method in methods:
            answer = visitor.request(
                f"/{LANG}/checkout/", data=_details(form_token(page), method, self.city)
            )
            if answer.status == 302:
                return method
        raise RuntimeError(f"no delivery method serves {self.city}")

    def _client(self, base: str, client: int, delivery: str, tally) -> None:
        for attempt in range(self.args.order_attempts):
            if self.stopping.is_set():
                return
            visitor = Browser(base)
            try:
                outcome = self._attempt(visitor, delivery, f"{client}-{attempt}", tally)
            except (OSError, ValueError, RuntimeError) as error:
                outcome = ("error", f"{type(error).__name__}: {error}")
            tally.record(visitor.statuses, *outcome)

    def _attempt(self, visitor: Browser, delivery: str, who: str, tally):
        lang = LANG
        status = visitor.request(f"/{lang}/cart/status/")
        if status.status != 200:
            return ("error", f"cart status {status.status}")
        token = json.loads(status.body)["csrf_token"]
        added = visitor.request(
            f"/{lang}/cart/add/",
            data={
                "sku": self.sku,
                "quantity": "1",
                "next": f"/{lang}/cart/",
                "csrfmiddlewaretoken": token,
            },
        )
        if added.status != 302:
            return ("error", f"add to cart {added.status}")
        cart = visitor.request(added.headers["Location"])
        errors = [text for tag, text in page_messages(cart.text) if tag == "error"]
        if errors:
            return ("refused_add", errors[0])
        if cart.status != 200:
            return ("error", f"cart page {cart.status}")
        page = visitor.request(f"/{lang}/checkout/")
        if page.status != 200:
            return ("error", f"checkout page {page.status}")
        details = _details(form_token(page.text), delivery, self.city, who)
        sent = visitor.request(f"/{lang}/checkout/", data=details)
        if sent.status != 302:
            found = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.*?)<', sent.text)
            return ("error", f"checkout form {sent.status}: {found[:3]}")
        review = visitor.request(sent.headers["Location"])
        if review.status != 200:
            return ("error", f"review page {review.status}")
        started = time.monotonic()
        placed = visitor.request(
            f"/{lang}/checkout/review/",
            data={
                "csrfmiddlewaretoken": form_token(review.text),
                "accept_terms": "on",
                "checkout_token": form_token(review.text, "checkout_token"),
            },
        )
        elapsed = (time.monotonic() - started) * 1000
        location = placed.headers.get("Location", "")
        if placed.status == 302 and f"/{lang}/orders/" in location:
            tally.timing(elapsed)
            return ("placed", location)
        if placed.status == 302:
            cart = visitor.request(location)
            errors = [text for tag, text in page_messages(cart.text) if tag == "error"]
            if errors:
                tally.timing(elapsed)
                return ("refused_place", errors[0])
            return ("unclear", f"placement redirected to {location} with no message")
        return ("error", f"placement {placed.status}")

    # -- the cached page while orders flow ------------------------------------------

    def cached_under_sales(self) -> None:
        """The cached product page under wrk as in `pages`, while orders for
        the variant it shows are placed in the background through the real
        checkout at `--sales-rate` orders/s; its throughput against the quiet
        run of the same page. X-Page-Cache is sampled meanwhile."""
        args = self.args
        base = self.stack.url
        path = self.paths["product"]
        url = base + path
        quiet = next(r for r in self.results if r.name.startswith("product page, c"))
        self.set_stock(SALES_STOCK)  # the orders run sold it out
        delivery = self._delivery_method(base)
        notes = self.check_page(url, cached=True)
        watermark = self.sql_value("SELECT coalesce(max(id), 0) FROM shop_order")
        label = f"product page while orders are placed at {args.sales_rate:g}/s "
        label += f"(cached, `{path}`)"
        driver = OrderDriver(self, base, delivery, args.sales_rate, url)
        log(f"{label}: orders of {self.sku} in the background")
        driver.start()
        try:
            result = self.wrk.measure(label, url)
        finally:
            driver.stop()
        placed_sql = self.sql_value(
            f"SELECT count(*) FROM shop_order WHERE id > {watermark}"
        )
        tally, samples = driver.tally, driver.samples
        hits = samples.count("hit")
        hit_ratio = hits / len(samples) if samples else 0.0
        achieved = tally.placed / driver.wall if driver.wall else 0.0
        ratio = result.rps / quiet.rps if quiet.rps else 0.0
        self.sales = {
            "rate": args.sales_rate,
            "achieved": achieved,
            "placed": tally.placed,
            "placed_sql": placed_sql,
            "refused": tally.refused_add + tally.refused_place,
            "errors": tally.server_errors + tally.other_errors + tally.unclear,
            "hit_ratio": hit_ratio,
            "samples": len(samples),
            "quiet_rps": quiet.rps,
            "ratio": ratio,
            "p95_place_ms": _percentile(tally.place_ms, 95),
        }
        result.notes = notes + [
            f"{tally.placed} orders of `{self.sku}` (the page's own variant) placed "
            f"meanwhile through the real checkout, {achieved:.2f}/s for "
            f"{args.sales_rate:g}/s asked ({placed_sql} in SQL), placing POST p95 "
            f"{self.sales['p95_place_ms']:.0f} ms",
            f"X-Page-Cache sampled {len(samples)} times meanwhile: {hit_ratio:.0%} hit",
            f"{ratio:.2f} × the quiet run ({quiet.rps:,.0f} req/s)",
        ]
        if tally.placed == 0 or placed_sql != tally.placed:
            self.problems.append(
                f"orders under load: {tally.placed} confirmed, {placed_sql} in SQL"
            )
        if self.sales["errors"] or self.sales["refused"]:
            self.problems.append(
                f"orders under load: {self.sales['errors']} errors, "
                f"{self.sales['refused']} refusals: {tally.samples[:3]}"
            )
        if achieved < 0.8 * args.sales_rate:
            self.warnings.append(
                f"orders under load: {achieved:.2f}/s placed for "
                f"{args.sales_rate:g}/s asked"
            )
        if result.status_errors or result.socket_errors:
            self.problems.append(f"{label}: errors under wrk")
        self.results.append(result)

    # -- server logs -----------------------------------------------------------------

    def scan_logs(self) -> None:
        for path in sorted(self.log_dir.glob("*.log")):
            lines = path.read_text(errors="replace").splitlines()
            bad = [
                line
                for line in lines
                if '"level": "ERROR"' in line
                or '"level": "CRITICAL"' in line
                or "Traceback" in line
                or "[ERROR]" in line
                or "WORKER TIMEOUT" in line
            ]
            if bad:
                self.problems.append(
                    f"server log {path.name}: {len(bad)} error lines, first: "
                    f"{bad[0][:300]}"
                )

    # -- the report --------------------------------------------------------------------

    def report(self, command: str) -> str:
        minimal = next(r for r in self.results if r.name.startswith("minimal Django"))
        wagtail = next(r for r in self.results if r.name.startswith("fresh `wagtail"))
        cpu = _cpu_model()
        lines = [
            "## HTTP benchmark",
            "",
            "`bench/http_bench.py` starts the production stack (`scripts/stack.py`: "
            "PostgreSQL 15, Redis, the demo data, a task worker, gunicorn with the "
            "page cache), a second gunicorn of the site with `PAGE_CACHE_SECONDS=0` "
            "(*uncached*: each page put together from its cached fragments and "
            "route, `FRAGMENT_CACHE_SECONDS`), a third with "
            "`FRAGMENT_CACHE_SECONDS=0` too (*rendered in full*, as right after "
            "an invalidation), "
            "and three references, all under gunicorn with "
            f"`storefront/gunicorn.conf.py` and {self.args.workers} sync workers, "
            "on loopback, each behind an nginx of its own with the deployment's "
            "configuration (`deploy/nginx/tadamon.conf.template`, one worker). "
            "Each target is loaded "
            f"alone (the others idle) with `wrk -t2 -c16 -d{self.args.duration:g}s` "
            f"after a {self.args.warmup:g} s warm-up; wrk runs on the same machine. "
            "The references: a static file served by nginx "
            "(`/static/css/site.css`), a minimal "
            "Django project (`django-admin startproject` defaults with "
            "`DEBUG = False`, "
            'one view returning `HttpResponse("ok")`), and the home page of a fresh '
            "`wagtail start` project (its production settings, SQLite as shipped), "
            "both generated in a temporary folder.",
            "",
            "```sh",
            command,
            "```",
            "",
            f"Run on {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, "
            f"`nproc` {_nproc()}, {cpu}, "
            f"{_memory()}; {_wrk_version()}.",
            "",
            "*Worker restarts*: gunicorn workers started during the measured run; "
            "`max_requests` in `storefront/gunicorn.conf.py` restarts a worker after "
            "that many requests (here "
            + (
                f"`GUNICORN_MAX_REQUESTS={os.environ['GUNICORN_MAX_REQUESTS']}`"
                if "GUNICORN_MAX_REQUESTS" in os.environ
                else "the file's default"
            )
            + "), and a new worker loads the application before it answers. "
            "*Other load*: CPU time used by processes on the machine that are not "
            "the benchmark's during the measured run, as a share of all cores; "
            f"before each target the script waits up to {self.args.quiet_wait:g} s "
            "for it to fall under 15 %, and measures again (up to "
            f"{self.args.retries} times) when it exceeded 10 %, keeping the "
            "quietest run.",
            "",
            "| target | requests/s | p95 ms | × minimal view | errors "
            "| worker restarts | other load |",
            "| --- | ---: | ---: | ---: | --- | ---: | ---: |",
        ]
        for result in self.results:
            errors = (
                "0"
                if not (result.status_errors or result.socket_errors)
                else f"{result.status_errors:,} non-2xx/3xx, "
                f"{result.socket_errors:,} socket"
            )
            lines.append(
                f"| {result.name} | {result.rps:,.0f} | {result.p95_ms:.1f} | "
                f"{result.rps / minimal.rps:.2f} | {errors} | {result.restarts} | "
                f"{result.foreign_cpu:.0%} |"
            )
        lines += ["", "Checks made during the run:", ""]
        for result in self.results:
            if result.notes:
                lines.append(f"- {result.name}: {'; '.join(result.notes)}.")
        o = self.orders
        if o:
            refusals = "; ".join(f"“{t}”" for t in o["refusal_texts"]) or "none"
            lines += [
                "",
                f"### Placing orders ({o['clients']} concurrent clients, PostgreSQL)",
                "",
                f"Each client repeats {o['attempts'] // o['clients']} times: a new "
                "cookie jar, `GET /fr/cart/status/`, add one unit to the cart (POST), "
                "the cart page, the checkout form (GET, then POST: cash on delivery, "
                f"{self.city}, a Moroccan mobile number), the review page, and the "
                "review form (POST) that places the order. One variant "
                f"(`{self.sku}`) was set to {o['initial_stock']} units first, fewer "
                f"than the {o['attempts']} attempts.",
                "",
                "| measure | value |",
                "| --- | ---: |",
                f"| attempts | {o['attempts']} |",
                f"| orders placed (clients / SQL) | {o['placed_clients']} / "
                f"{o['placed_sql']} |",
                f"| units sold (SQL) | {o['units_sold']} |",
                f"| stock before → after | {o['initial_stock']} → {o['final_stock']} |",
                f"| refused at add to cart / at placement | {o['refused_add']} / "
                f"{o['refused_place']} |",
                f"| orders/s (placed ÷ wall time {o['wall_s']:.1f} s) | "
                f"{o['orders_per_s']:.1f} |",
                f"| placing POST, p50 / p95 ms | {o['place_p50_ms']:.0f} / "
                f"{o['place_p95_ms']:.0f} |",
                f"| HTTP requests | {o['requests']:,} |",
                f"| 5xx answers | {o['server_errors']} |",
                f"| other unexpected answers | {o['other_errors']} |",
                f"| refusals without a message | {o['unclear_refusals']} |",
                f"| oversell (units sold beyond stock) | {o['oversell']} |",
                f"| CPU used by other processes meanwhile | {o['foreign_cpu']:.0%} |",
                "",
                f"Refusal shown to the buyer: {refusals}",
                "",
                "SQL checks: " + "; ".join(self.checks) + ".",
            ]
        lines += ["", "### Against the targets", ""]
        lines += self.verdicts(minimal, wagtail)
        if self.problems or self.warnings:
            lines += ["", "Problems seen during the run:", ""]
            lines += [f"- {problem}" for problem in self.problems + self.warnings]
        return "\n".join(lines) + "\n"

    def verdicts(self, minimal: Result, wagtail: Result) -> list[str]:
        cached = [r for r in self.results if ", cached" in r.name]
        low = [r for r in cached if r.rps < 0.7 * minimal.rps]
        uncached = [r for r in self.results if ", uncached" in r.name]
        slow = [r for r in uncached if r.rps < wagtail.rps]
        ratios = ", ".join(
            f"{r.name.split(' page')[0]} {r.rps / minimal.rps:.3f}" for r in cached
        )
        below = ", ".join(r.name.split(" page")[0] for r in low)
        out = [
            (
                "- Cached anonymous pages ≥ 0.7 × the minimal Django view "
                f"({minimal.rps:,.0f} req/s): "
                + ("**met**" if not low else f"**not met** ({below} below)")
                + f"; ratios: {ratios}."
            ),
            (
                "- Uncached home, catalogue, product and cooperative pages each "
                f"≥ 1.0 × the fresh Wagtail home page ({wagtail.rps:,.0f} req/s): "
                + (
                    "**met**"
                    if uncached and not slow
                    else "**not met** ("
                    + ", ".join(r.name.split(" page")[0] for r in slow)
                    + " below)"
                )
                + "; ratios: "
                + ", ".join(
                    f"{r.name.split(' page')[0]} {r.rps / wagtail.rps:.2f}"
                    for r in uncached
                )
                + "."
            ),
        ]
        o = self.orders
        if o:
            errors = o["server_errors"] + o["other_errors"]
            out.append(
                "- Orders: zero errors and zero oversell: "
                + ("**met**" if errors == 0 and o["oversell"] == 0 else "**not met**")
                + f" ({errors} errors, oversell {o['oversell']}, "
                f"{o['orders_per_s']:.1f} orders/s with {o['clients']} clients)."
            )
        s = self.sales
        if s:
            out.append(
                "- Cached product page while orders are placed in the background "
                f"at {s['rate']:g} order/s (its own variant, through the real "
                "checkout) ≥ 80 % of its quiet throughput: "
                + ("**met**" if s["ratio"] >= 0.8 else "**not met**")
                + f" ({s['ratio']:.0%} of {s['quiet_rps']:,.0f} req/s; "
                f"{s['placed']} orders at {s['achieved']:.2f}/s; "
                f"X-Page-Cache {s['hit_ratio']:.0%} hit over {s['samples']} samples)."
            )
        return out

    # -- the whole run -----------------------------------------------------------------

    def run(self) -> str:
        args = self.args
        with contextlib.ExitStack() as cleanup:
            cleanup.callback(shutil.rmtree, self.folder, True)
            refs = References(self.folder, self.log_dir, args.workers)
            cleanup.callback(refs.stop)
            log("starting the stack (PostgreSQL, Redis, demo data, gunicorn)")
            self.stack = LoggedStack(
                log_dir=self.log_dir, workers=args.workers, page_cache_seconds=600
            )
            cleanup.enter_context(self.stack)
            self.wrk.cpu.postmasters.append(self.stack.folder / "pg" / "postmaster.pid")
            # Every target is reached through nginx with the deployment's
            # configuration, as the stack's own site is: one hop for all.
            proxy = self.stack.proxy
            # The page cache off: pages are put together per request from
            # their cached fragments and routes (FRAGMENT_CACHE_SECONDS).
            self.uncached_url = proxy(
                self.stack.gunicorn(free_port(), args.workers, PAGE_CACHE_SECONDS="0")
            )
            # Nothing cached: every page rendered in full, as right after
            # an invalidation.
            self.rendered_url = proxy(
                self.stack.gunicorn(
                    free_port(),
                    args.workers,
                    PAGE_CACHE_SECONDS="0",
                    FRAGMENT_CACHE_SECONDS="0",
                )
            )
            log("generating the reference projects")
            self.minimal_url = proxied(proxy, refs.minimal_django())
            self.wagtail_url = proxied(proxy, refs.fresh_wagtail())
            for url in (self.minimal_url, self.wagtail_url):
                if fetch(url).status != 200:
                    raise RuntimeError(f"{url} does not answer 200")
            self.discover()
            self.references()
            self.pages()
            self.add_to_cart()
            self.orders_run()
            self.cached_under_sales()
            self.scan_logs()
            busy = [r.name for r in self.results if r.foreign_cpu > 0.10]
            if self.orders.get("foreign_cpu", 0) > 0.10:
                busy.append("placing orders")
            if busy:
                self.warnings.append(
                    "other processes used over 10 % of the machine during: "
                    + ", ".join(busy)
                    + " (figures less reliable)"
                )
            command = ".venv/bin/python bench/http_bench.py" + "".join(
                f" {a}" for a in sys.argv[1:]
            )
            return self.report(command)


class OrderTally:
    def __init__(self):
        self.lock = threading.Lock()
        self.placed = self.refused_add = self.refused_place = 0
        self.unclear = self.server_errors = self.other_errors = self.requests = 0
        self.refusal_texts: set[str] = set()
        self.samples: list[str] = []
        self.place_ms: list[float] = []

    def timing(self, ms: float) -> None:
        with self.lock:
            self.place_ms.append(ms)

    def record(self, statuses: list[int], outcome: str, detail: str) -> None:
        with self.lock:
            self.requests += len(statuses)
            fives = sum(1 for s in statuses if s >= 500)
            self.server_errors += fives
            if outcome == "placed":
                self.placed += 1
            elif outcome in ("refused_add", "refused_place"):
                setattr(self, outcome, getattr(self, outcome) + 1)
                self.refusal_texts.add(detail)
            elif outcome == "unclear":
                self.unclear += 1
                self.samples.append(detail)
            else:
                if not fives:
                    self.other_errors += 1
                self.samples.append(f"{detail} (statuses {statuses})")


class OrderDriver:
    """Orders placed through the real checkout (`Bench._attempt`: cart,
    details, review, placement, each a new visitor) started at a steady
    `rate` a second, a few at once when one takes longer than the interval;
    meanwhile `url` is fetched every SAMPLE_EVERY s and its X-Page-Cache
    header kept."""

    SAMPLE_EVERY = 0.25
    MOST_AT_ONCE = 4

    def __init__(self, bench: Bench, base: str, delivery: str, rate: float, url):
        self.bench, self.base, self.delivery = bench, base, delivery
        self.interval = 1 / rate
        self.url = url
        self.tally = OrderTally()
        self.samples: list[str] = []
        self.stopping = threading.Event()
        self.pool = ThreadPoolExecutor(self.MOST_AT_ONCE)
        self.threads = [
            threading.Thread(target=self._schedule, daemon=True),
            threading.Thread(target=self._sample, daemon=True),
        ]
        self.started = self.wall = 0.0

    def start(self) -> None:
        self.started = time.monotonic()
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join()
        self.pool.shutdown(wait=True)
        self.wall = time.monotonic() - self.started

    def _schedule(self) -> None:
        number = 0
        while not self.stopping.wait(
            max(0.0, self.started + number * self.interval - time.monotonic())
        ):
            self.pool.submit(self._order, number)
            number += 1

    def _order(self, number: int) -> None:
        visitor = Browser(self.base)
        try:
            outcome = self.bench._attempt(
                visitor, self.delivery, f"sales-{number}", self.tally
            )
        except (OSError, ValueError, RuntimeError) as error:
            outcome = ("error", f"{type(error).__name__}: {error}")
        self.tally.record(visitor.statuses, *outcome)

    def _sample(self) -> None:
        while not self.stopping.wait(self.SAMPLE_EVERY):
            with contextlib.suppress(OSError):
                answer = fetch(self.url)
                self.samples.append(answer.headers.get("X-Page-Cache") or "none")


def _details(token: str, delivery: str, city: str, who: str = "probe") -> dict:
    return {
        "csrfmiddlewaretoken": token,
        "email": f"bench-{who}@example.ma",
        "phone": "0612345678",
        "full_name": f"Client Bench {who}",
        "country": "MA",
        "province": PROVINCE,
        "city": city,
        "address_line": "12 rue des Coopératives",
        "postal_code": "20000",
        "delivery_method": delivery,
        "payment_method": "cod",
        "discount_code": "",
        "privacy_consent": "on",
    }


def _select(page: str, name: str) -> str:
    found = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    return found.group(0) if found else ""


def _cookie(name: str, value: str) -> http.cookiejar.Cookie:
    return http.cookiejar.Cookie(
        0, name, value, None, False, "127.0.0.1", False, False, "/", True,
        False, None, False, None, None, {},
    )  # fmt: skip


def _with_note(result: Result, note: str) -> Result:
    result.notes.append(note)
    return result


def _percentile(values: list[float], percent: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown CPU"


def _nproc() -> str:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        return subprocess.run(
            ["nproc"], capture_output=True, text=True, check=True
        ).stdout.strip()
    return "?"


def _memory() -> str:
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024**2:.0f} GiB RAM"
    return "unknown RAM"


def _wrk_version() -> str:
    result = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    first = (result.stdout or result.stderr).splitlines()[0]
    return " ".join(first.split()[:2])


def write_readme(section: str) -> None:
    text = README.read_text()
    block = f"{START_MARK}\n{section}{END_MARK}\n"
    if START_MARK in text and END_MARK in text:
        before = text[: text.index(START_MARK)]
        after = text[text.index(END_MARK) + len(END_MARK) :].lstrip("\n")
        text = before + block + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    README.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds a target")
    parser.add_argument(
        "--quick", action="store_true", help="3 s a target: a smoke run"
    )
    parser.add_argument("--warmup", type=float, default=1, help="wrk warm-up seconds")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--order-clients", type=int, default=16)
    parser.add_argument("--order-attempts", type=int, default=12, help="per client")
    parser.add_argument("--stock", type=int, default=150, help="units to sell")
    parser.add_argument(
        "--sales-rate",
        type=float,
        default=1.0,
        help="orders/s placed while the cached product page is loaded",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=60,
        help="seconds to wait, before each target, for other processes to calm",
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=2,
        help="measure a target again when other processes took over 10 %% CPU",
    )
    parser.add_argument(
        "--max-requests",
        type=int,
        help="GUNICORN_MAX_REQUESTS for every gunicorn (0: never restart "
        "workers); default: storefront/gunicorn.conf.py's",
    )
    parser.add_argument(
        "--no-readme", action="store_true", help="print, do not write bench/README.md"
    )
    args = parser.parse_args()
    if args.quick:
        args.duration = 3
    if args.max_requests is not None:
        # Read by storefront/gunicorn.conf.py; the stack passes its environment on.
        os.environ["GUNICORN_MAX_REQUESTS"] = str(args.max_requests)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    def terminate(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGHUP, terminate)
    bench = Bench(args)
    section = bench.run()
    print("\n" + section)
    if not args.no_readme:
        write_readme(section)
        log(f"written to {README.relative_to(ROOT)}")
    if bench.problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
