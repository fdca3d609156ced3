"""Lighthouse (mobile) on the cooperative portal, signed in as a member.

Usage:
  .venv/bin/python bench/lighthouse.py               # 3 runs a page, median
  .venv/bin/python bench/lighthouse.py --runs 1
  .venv/bin/python bench/lighthouse.py --lighthouse-dir /tmp/lh   # keep npm's copy

It installs the npm package ``lighthouse`` (12.x: 13 needs Node 22.19 and
Debian's node is 20) into a temporary folder, starts the production stack
(scripts/stack.py: production settings, gunicorn, WhiteNoise serving the
collected static files, PostgreSQL, Redis, the demo data with its season),
signs in as a cooperative member through the portal's login form, and runs
Lighthouse with its mobile defaults (Moto G Power screen, simulated slow 4G
and 4x CPU slowdown) in Debian's chromium on the portal dashboard and the
latest statement, in Arabic and in French. The session cookie goes in
``--extra-headers``. It prints the median of each page's runs as a Markdown
table for bench/README.md. Every process and temporary folder is removed at
the end.

Lighthouse measures this machine's CPU: run it with nothing else busy.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from stack import Stack  # noqa: E402

LIGHTHOUSE = "lighthouse@12.8.2"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
MEMBER = "aghbalou-ouaouizeght"
PASSWORD = "tadamon-demo"  # noqa: S105 - the demo's, printed by load_demo
LANGUAGES = ("ar", "fr")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


def install(folder: Path) -> Path:
    cli = folder / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        subprocess.run(
            ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund"]
            + ["--loglevel=error", LIGHTHOUSE],
            check=True,
        )
    return cli


def sign_in(base: str) -> tuple[str, str]:
    """The member's session cookie, and the path of their latest statement."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = f"{base}/fr/portal/login/"
    page = opener.open(login).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": MEMBER,
            "password": PASSWORD,
            "next": "",
        }
    ).encode()
    request = urllib.request.Request(login, data=form, headers={"Referer": login})
    dashboard = opener.open(request).read().decode()
    statement = re.search(r'href="/fr(/portal/statements/\d+/)\?c=', dashboard)
    if statement is None:
        raise SystemExit("signing in failed, or the dashboard links no statement")
    cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
    return cookies, statement[1]


def lighthouse(cli: Path, url: str, headers: Path, out: Path) -> dict:
    subprocess.run(
        ["node", str(cli), url, "--quiet", "--only-categories=performance"]
        + ["--output=json", f"--output-path={out}", f"--extra-headers={headers}"]
        + ["--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    report = json.loads(out.read_text())
    audits = report["audits"]
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        **{name: audits[audit]["numericValue"] for audit, name in METRICS.items()},
        "bytes": audits["total-byte-weight"]["numericValue"],
        "blocking": [
            item["url"]
            for item in audits["render-blocking-resources"]
            .get("details", {})
            .get("items", [])
        ],
    }


def median_run(runs: list[dict]) -> dict:
    """The run with the median score (Lighthouse's advice), as it was."""
    ordered = sorted(runs, key=lambda run: run["score"])
    return ordered[len(ordered) // 2]


def row(page: str, runs: list[dict]) -> str:
    run = median_run(runs)
    scores = ", ".join(str(r["score"]) for r in runs)
    return (
        f"| {page} | **{run['score']}** ({scores}) | {run['FCP'] / 1000:.1f} s "
        f"| {run['LCP'] / 1000:.1f} s | {run['TBT']:.0f} ms | {run['CLS']:.3f} "
        f"| {run['SI'] / 1000:.1f} s | {run['bytes'] / 1024:.0f} KiB "
        f"| {len(run['blocking'])} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs a page (median)")
    parser.add_argument(
        "--lighthouse-dir", type=Path, help="where npm installs lighthouse (kept)"
    )
    parser.add_argument(
        "--reports", type=Path, help="keep every run's JSON report in this folder"
    )
    args = parser.parse_args()
    with contextlib.ExitStack() as cleanup:
        work = Path(cleanup.enter_context(tempfile.TemporaryDirectory()))
        cli = install(args.lighthouse_dir or work / "npm")
        stack = cleanup.enter_context(Stack(workers=2))
        cookies, statement = sign_in(stack.url)
        headers = work / "headers.json"
        headers.write_text(json.dumps({"Cookie": cookies}))
        lines = []
        for language in LANGUAGES:
            for name, path in (("dashboard", "/portal/"), ("statement", statement)):
                url = f"{stack.url}/{language}{path}"
                reports = args.reports or work
                reports.mkdir(parents=True, exist_ok=True)
                runs = [
                    lighthouse(
                        cli, url, headers, reports / f"{name}-{language}-{run}.json"
                    )
                    for run in range(args.runs)
                ]
                lines.append(row(f"{name}, {language} (`/{language}{path}`)", runs))
                print(lines[-1], flush=True)
                for blocking in median_run(runs)["blocking"]:
                    print(f"    render-blocking: {blocking}", flush=True)
    print()
    print(
        "| page | performance (median of runs) | FCP | LCP | TBT | CLS | Speed "
        "Index | transferred | render-blocking |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
