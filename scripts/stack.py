"""Start the production stack on one machine: PostgreSQL, Redis, one or
more gunicorn nodes with several workers each behind nginx, and a task
worker, all on loopback, with the demo data.

    .venv/bin/python scripts/stack.py              # serve until Ctrl-C
    .venv/bin/python scripts/stack.py --workers 4 --port 8000
    .venv/bin/python scripts/stack.py --nodes 2    # two app nodes behind nginx

It uses Debian's `postgresql`, `redis-server` and `nginx` (or `nginx-light`)
packages and the project's virtualenv (`make install`). Everything lives in a
fresh temporary folder and is removed on exit. nginx runs as the user who
started the stack, with a configuration rendered from
deploy/nginx/tadamon.conf.template (the documented deployment's): it serves
/static/ and /media/ from disk and passes the rest to the nodes, which share
the database, Redis and the media folder. The site runs with the production
settings, except that it speaks plain HTTP on loopback (no HTTPS redirect,
cookies not marked Secure) and emails are written to files.

The benchmarks and tests import `Stack` to run the same thing: `url` is
nginx's address, `node_urls` each node's own.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import glob
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
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


NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "tadamon.conf.template"
# What collectstatic fills (STATIC_ROOT in storefront/settings/base.py).
STATIC_ROOT = ROOT / "staticfiles"


@contextlib.contextmanager
def _collectstatic_lock():
    """One collectstatic at a time into STATIC_ROOT: two stacks started at
    once (test modules on two xdist workers, a benchmark beside the tests)
    would otherwise write and rename the same hashed files under each other
    (FileNotFoundError on a file the other just replaced)."""
    with open(ROOT / ".collectstatic.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def nginx_bin() -> str | None:
    # Debian installs it in /usr/sbin, often outside a user's PATH.
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


def render_nginx_template(values: dict[str, str]) -> str:
    """The deployment's nginx configuration with its ${TADAMON_*} names
    filled in, as `envsubst` fills them on a server."""
    text = NGINX_TEMPLATE.read_text()
    pattern = re.compile(r"\$\{(TADAMON_[A-Z_]+)\}")
    missing = {name for name in pattern.findall(text) if name not in values}
    if missing:
        raise KeyError(f"{NGINX_TEMPLATE.name} needs {', '.join(sorted(missing))}")
    return pattern.sub(lambda match: values[match.group(1)], text)


# The stack's own nginx: in the foreground, its pid, logs and buffers in the
# stack's folder, so that it needs neither root nor /var.
NGINX_MAIN = """# Written by scripts/stack.py for one run.
{user}
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log stderr warn;
events {{
    worker_connections 1024;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    types_hash_max_size 2048;
    sendfile on;
    tcp_nopush on;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/tadamon.conf;
}}
"""


class Stack:
    """PostgreSQL + Redis + nginx in front of `nodes` gunicorns + the task
    worker (run_worker).
    Use as a context manager."""

    def __init__(
        self,
        *,
        workers: int = 2,
        nodes: int = 1,
        port: int | None = None,
        demo: bool = True,
        season: bool = True,
        page_cache_seconds: int = 600,
        task_worker: bool = True,
        quiet: bool = True,
    ):
        self.workers = workers
        self.nodes = nodes
        # nginx listens here: the site's address. Each node has its own port.
        self.port = port or free_port()
        self.node_urls: list[str] = []
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
        # Shared by every node, served by nginx.
        self.media_root = self.folder / "media"
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
            # Members' national IDs are stored encrypted: a Fernet key for the
            # stack's own database, as stable as its secret key.
            "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(
                secret.encode()[:32].ljust(32, b"=")
            ).decode(),
            "DATABASE_URL": f"postgres://tadamon@127.0.0.1:{self.pg_port}/tadamon",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{self.port}",
            "PUBLIC_URL": f"http://127.0.0.1:{self.port}",
            # nginx in front: lock-outs count the address it appends.
            "AXES_PROXY_COUNT": "1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "MEDIA_ROOT": str(self.media_root),
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
        url = self._spawn_gunicorn(port, workers, **extra_env)
        wait_for_http(url + "/healthz")
        return url

    def _spawn_gunicorn(self, port: int, workers: int, **extra_env: str) -> str:
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
        return f"http://127.0.0.1:{port}"

    def _start_web(self) -> None:
        """The app nodes (started side by side), then nginx in front."""
        urls = [
            self._spawn_gunicorn(free_port(), self.workers) for _ in range(self.nodes)
        ]
        for url in urls:
            wait_for_http(url + "/healthz")
        self.node_urls = urls
        self.url = self._start_nginx(urls)

    def _nginx_user(self) -> str:
        if not self.root_run:
            return ""  # nginx runs as the stack's user, as everything else
        # As root, nginx's workers drop to Debian's web user when it can read
        # the collected files (not when the project sits under /root).
        readable = subprocess.run(
            ["runuser", "-u", "www-data", "--", "test", "-r"]
            + [str(STATIC_ROOT / "staticfiles.json")],
            capture_output=True,
        )
        return "user www-data;" if readable.returncode == 0 else "user root;"

    def proxy(self, upstream_url: str, ready_path: str = "/healthz") -> str:
        """One more nginx, with the deployment's configuration, in front of
        `upstream_url` (another gunicorn of the site, or a reference app, so
        a benchmark compares them through the same proxy); returns its URL."""
        return self._start_nginx([upstream_url], free_port(), ready_path)

    def _start_nginx(
        self, node_urls: list[str], port: int | None = None, ready: str = "/healthz"
    ) -> str:
        nginx = nginx_bin()
        if not nginx:
            sys.exit("nginx is missing: apt-get install nginx-light")
        port = port or self.port
        folder = self.folder / f"nginx-{port}"
        folder.mkdir()
        self.media_root.mkdir(exist_ok=True)
        servers = [f"server {url.removeprefix('http://')};" for url in node_urls]
        (folder / "tadamon.conf").write_text(
            render_nginx_template(
                {
                    "TADAMON_LISTEN": f"127.0.0.1:{port}",
                    "TADAMON_SERVER_NAME": "127.0.0.1 localhost",
                    "TADAMON_APP_SERVERS": "\n    ".join(servers),
                    "TADAMON_STATIC_ROOT": str(STATIC_ROOT),
                    "TADAMON_MEDIA_ROOT": str(self.media_root),
                    # nginx faces the visitor here, in plain HTTP.
                    "TADAMON_FORWARDED_PROTO": "$scheme",
                }
            )
        )
        conf = folder / "nginx.conf"
        conf.write_text(NGINX_MAIN.format(user=self._nginx_user(), folder=folder))
        command = [nginx, "-p", str(folder), "-c", str(conf), "-e", "stderr"]
        self._run([*command, "-t", "-q"])
        self._spawn(command)
        url = f"http://127.0.0.1:{port}"
        wait_for_http(url + ready)
        return url

    # -- the task worker: supervised, as systemd does it in a deployment ------

    def _start_task_worker(self) -> None:
        """`manage.py run_worker` (which waits out database restarts),
        started again whenever it exits, as deploy/systemd's unit does with
        Restart=always. `task_worker_process` is the one running now."""
        command = [str(VENV_BIN / "python"), "manage.py", "run_worker"]
        command += ["--interval", "0.5"]
        self._task_worker_stopping = threading.Event()
        self.task_worker_restarts = 0
        self.task_worker_process = self._popen_task_worker(command)

        def supervise() -> None:
            while not self._task_worker_stopping.wait(0.5):
                if self.task_worker_process.poll() is not None:
                    self.task_worker_restarts += 1
                    self.task_worker_process = self._popen_task_worker(command)

        self._task_worker_supervisor = threading.Thread(target=supervise, daemon=True)
        self._task_worker_supervisor.start()

    def _popen_task_worker(self, command: list[str]) -> subprocess.Popen:
        # Not in `processes`: the stack goes on when it exits.
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env(),
            stdout=self._output(),
            stderr=self._output(),
        )

    def _stop_task_worker(self) -> None:
        supervisor = getattr(self, "_task_worker_supervisor", None)
        if supervisor is None:
            return
        self._task_worker_stopping.set()
        supervisor.join()
        self._task_worker_supervisor = None
        process = self.task_worker_process
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    # -- lifecycle ----------------------------------------------------------

    def start(self) -> Stack:
        try:
            self._start_postgres()
            self._start_redis()
            self.manage("migrate", "--noinput", "-v", "0")
            with _collectstatic_lock():
                self.manage("collectstatic", "--noinput", "-v", "0")
            if self.demo:
                self.manage("load_demo", *([] if self.season else ["--without-season"]))
            if self.task_worker:
                self._start_task_worker()
            self._start_web()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        self._stop_task_worker()
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
    parser.add_argument(
        "--workers", type=int, default=4, help="gunicorn workers of each node"
    )
    parser.add_argument(
        "--nodes", type=int, default=1, help="gunicorn nodes behind nginx"
    )
    parser.add_argument("--port", type=int, default=8000, help="nginx's port")
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
        nodes=args.nodes,
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
            f"\nServing {stack.url}/ through nginx: {args.nodes} gunicorn "
            f"node(s) of {args.workers} workers ({', '.join(stack.node_urls)}), "
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
