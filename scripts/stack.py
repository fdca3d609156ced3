"""Start the production stack on one machine: PostgreSQL, Redis, gunicorn
with several workers and a task worker, all on loopback, with the demo data.

    .venv/bin/python scripts/stack.py              # serve until Ctrl-C
    .venv/bin/python scripts/stack.py --workers 4 --port 8000

It uses Debian's `postgresql` and `redis-server` packages and the project's
virtualenv (`make install`). Everything lives in a fresh temporary folder
and is removed on exit. The site runs with the production settings, except
that it speaks plain HTTP on loopback (no HTTPS redirect, cookies not
marked Secure) and emails are written to files.

The benchmark imports `Stack` to run the same thing.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key)
    if not found:
        sys.exit("PostgreSQL is missing: apt-get install postgresql")
    return Path(found[-1])


def _version_key(path: str) -> tuple:
    return tuple(int(p) for p in path.split("/")[4].split(".") if p.isdigit())


def wait_for_http(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")
        time.sleep(0.2)


class Stack:
    """PostgreSQL + Redis + gunicorn + db_worker. Use as a context manager."""

    def __init__(
        self,
        *,
        workers: int = 2,
        port: int | None = None,
        demo: bool = True,
        season: bool = True,
        page_cache_seconds: int = 600,
        task_worker: bool = True,
        quiet: bool = True,
    ):
        self.workers = workers
        self.port = port or free_port()
        self.demo = demo
        self.season = season
        self.page_cache_seconds = page_cache_seconds
        self.task_worker = task_worker
        self.quiet = quiet
        self.processes: list[subprocess.Popen] = []
        self.root_run = os.geteuid() == 0
        self.folder = Path(tempfile.mkdtemp(prefix="tadamon-stack-"))
        self.pg_port = free_port()
        self.redis_port = free_port()
        self.mail_dir = self.folder / "mail"
        self._pg_started = False

    # -- the pieces ---------------------------------------------------------

    def _as_postgres(self, args: list[str]) -> list[str]:
        # PostgreSQL refuses to run as root; CI machines run as root.
        return ["runuser", "-u", "postgres", "--", *args] if self.root_run else args

    def _start_postgres(self) -> None:
        pg = _pg_bin()
        data = self.folder / "pg"
        data.mkdir()
        if self.root_run:
            known = subprocess.run(["id", "postgres"], capture_output=True)
            if known.returncode != 0:
                subprocess.run(
                    ["useradd", "--system", "--no-create-home", "postgres"], check=True
                )
            shutil.chown(data, "postgres")
            os.chmod(self.folder, 0o755)
        self._run(
            self._as_postgres(
                [str(pg / "initdb"), "-D", str(data), "-A", "trust", "-U", "tadamon"]
                + ["-E", "UTF8"]
            )
        )
        options = (
            f"-p {self.pg_port} -k {data} -c listen_addresses=127.0.0.1 "
            "-c max_connections=200 -c shared_buffers=256MB -c fsync=off "
            "-c synchronous_commit=off"
        )
        self._run(
            self._as_postgres(
                [str(pg / "pg_ctl"), "-D", str(data), "-l", str(data / "log"), "-w"]
                + ["-o", options, "start"]
            )
        )
        self._pg_started = True
        self._run(
            [str(pg / "createdb"), "-h", "127.0.0.1", "-p", str(self.pg_port)]
            + ["-U", "tadamon", "tadamon"]
        )

    def _start_redis(self) -> None:
        redis = shutil.which("redis-server")
        if not redis:
            sys.exit("Redis is missing: apt-get install redis-server")
        self._spawn(
            [redis, "--port", str(self.redis_port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--maxmemory", "256mb"]
            + ["--maxmemory-policy", "allkeys-lru"]
        )

    def env(self, **extra: str) -> dict[str, str]:
        secret = getattr(self, "_secret", None) or secrets.token_urlsafe(50)
        self._secret = secret
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "storefront.settings.production",
            "DJANGO_SECRET_KEY": secret,
            "DATABASE_URL": f"postgres://tadamon@127.0.0.1:{self.pg_port}/tadamon",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{self.port}",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{self.port}",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "PAGE_CACHE_SECONDS": str(self.page_cache_seconds),
            "TASKS_BACKEND": "database",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_ACCESS_LOG": "0",
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        env.update(extra)
        return env

    def manage(self, *args: str, **extra_env: str) -> None:
        self._run(
            [str(VENV_BIN / "python"), "manage.py", *args], env=self.env(**extra_env)
        )

    def gunicorn(self, port: int, workers: int, **extra_env: str) -> str:
        """Start one more gunicorn on `port`; returns its base URL."""
        # gunicorn (25.1+) opens a control socket, by default one shared
        # path ($XDG_RUNTIME_DIR or ~/.gunicorn/gunicorn.ctl): a second
        # gunicorn would take it from the first and remove it on exit. Each
        # one gets its own, inside the stack's folder.
        self._spawn(
            [str(VENV_BIN / "gunicorn"), "-c", "storefront/gunicorn.conf.py"]
            + ["--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
            + ["--control-socket", str(self.folder / f"gunicorn-{port}.ctl")]
            + ["storefront.wsgi"],
            env=self.env(**extra_env),
        )
        url = f"http://127.0.0.1:{port}"
        wait_for_http(url + "/healthz")
        return url

    # -- lifecycle ----------------------------------------------------------

    def start(self) -> Stack:
        try:
            self._start_postgres()
            self._start_redis()
            self.manage("migrate", "--noinput", "-v", "0")
            self.manage("collectstatic", "--noinput", "-v", "0")
            if self.demo:
                self.manage("load_demo", *([] if self.season else ["--without-season"]))
            if self.task_worker:
                self._spawn(
                    [str(VENV_BIN / "python"), "manage.py", "db_worker"]
                    + ["--no-reload", "--interval", "0.5", "-v", "0"],
                    env=self.env(),
                )
            self.url = self.gunicorn(self.port, self.workers)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in reversed(self.processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()
        if self._pg_started:
            self._run(
                self._as_postgres(
                    [str(_pg_bin() / "pg_ctl"), "-D", str(self.folder / "pg")]
                    + ["-m", "fast", "stop"]
                ),
                check=False,
            )
            self._pg_started = False
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- helpers --------------------------------------------------------------

    def _output(self):
        return subprocess.DEVNULL if self.quiet else None

    def _run(self, args: list[str], env=None, check: bool = True) -> None:
        done = subprocess.run(
            args,
            cwd=ROOT,
            env=env,
            stdout=self._output(),
            stderr=None if not self.quiet else subprocess.PIPE,
        )
        if check and done.returncode != 0:
            # Quiet runs keep stderr; a failure shows it, not just its code.
            if done.stderr:
                sys.stderr.write(done.stderr.decode(errors="replace"))
            raise subprocess.CalledProcessError(
                done.returncode, args, stderr=done.stderr
            )

    def _spawn(self, args: list[str], env=None) -> subprocess.Popen:
        process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=self._output(), stderr=self._output()
        )
        self.processes.append(process)
        return process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--without-season",
        action="store_true",
        help="demo content without its generated season of sales",
    )
    parser.add_argument(
        "--page-cache-seconds", type=int, default=600, help="0 turns the page cache off"
    )
    args = parser.parse_args()
    stack = Stack(
        workers=args.workers,
        port=args.port,
        season=not args.without_season,
        page_cache_seconds=args.page_cache_seconds,
        quiet=False,
    )
    stopping = []

    def stop(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    with stack:
        print(
            f"\nServing {stack.url}/ with {args.workers} gunicorn workers, "
            f"PostgreSQL on :{stack.pg_port}, Redis on :{stack.redis_port}, "
            f"a task worker; emails in {stack.mail_dir}. Ctrl-C stops it all.",
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            while not stopping and all(p.poll() is None for p in stack.processes):
                time.sleep(0.5)
        for process in stack.processes:
            if process.poll() is not None:
                print(
                    f"stopped: {' '.join(process.args[:3])} (exit {process.returncode})"
                )


if __name__ == "__main__":
    main()
