"""Lighthouse (mobile), all four categories, on the public pages with images.

Usage:
  .venv/bin/python bench/lighthouse_public.py               # 3 runs a page, median
  .venv/bin/python bench/lighthouse_public.py --runs 1
  .venv/bin/python bench/lighthouse_public.py --lighthouse-dir /tmp/lh --reports /tmp/r

It installs the npm package ``lighthouse`` (12.x: 13 needs Node 22.19 and
Debian's node is 20) into a temporary folder unless given one, starts the
production stack (scripts/stack.py: production settings, gunicorn, WhiteNoise
serving the collected static files, PostgreSQL, Redis and its page cache, the
demo data) and runs Lighthouse with its mobile defaults (Moto G Power screen,
simulated slow 4G, 4x CPU slowdown) in Debian's chromium on the home page,
the catalogue, a product, a cooperative and a story, in Arabic and in French.

Each page is opened once before it is measured, as earlier visitors would
have: the image renditions are made on a page's first view, and the page
cache keeps the page for the next anonymous visitor.

In production nginx serves /media/; the stack has no nginx, so the gunicorn
measured here runs the same settings plus one URL that serves the uploaded
images from MEDIA_ROOT (django.views.static.serve): the pages are measured
with their images, as a visitor sees them.

It prints, for each page, the median run's four scores (the run with the
median performance score, as Lighthouse advises), its metrics and any audit
that failed, then a Markdown table for bench/README.md. Every process and
temporary folder is removed at the end.

Lighthouse measures this machine's CPU: run it with nothing else busy.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from stack import VENV_BIN, Stack, free_port  # noqa: E402

LIGHTHOUSE = "lighthouse@12.8.2"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LANGUAGES = ("ar", "fr")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}

# A settings module and a URLconf written into the temporary folder: the
# production settings, plus /media/ served by Django (nginx's job in production).
MEDIA_SETTINGS = """
from storefront.settings.production import *  # noqa: F403

ROOT_URLCONF = "lighthouse_urls"
"""
MEDIA_URLS = """
from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from storefront import urls as site

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site.urlpatterns,
]
for name in ("handler400", "handler403", "handler404", "handler500"):
    if hasattr(site, name):
        globals()[name] = getattr(site, name)
"""

# The pages measured: the first live page of each kind, in each language.
PAGES_SCRIPT = """
import json
from django.utils import translation
from cms.models import (
    CooperativePage, HomePage, ProductIndexPage, ProductPage, StoryPage,
)

def first(queryset):
    return queryset.live().order_by("path").first().specific

pages = {
    "home": first(HomePage.objects),
    "catalogue": first(ProductIndexPage.objects),
    "product": first(ProductPage.objects.filter(image__isnull=False)),
    "cooperative": first(CooperativePage.objects.filter(image__isnull=False)),
    "story": first(StoryPage.objects.filter(image__isnull=False)),
}
urls = {}
for language in %r:
    with translation.override(language):
        for name, page in pages.items():
            urls[f"{name}, {language}"] = page.get_url()
print(json.dumps(urls))
"""


def install(folder: Path) -> Path:
    cli = folder / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        subprocess.run(
            ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund"]
            + ["--loglevel=error", LIGHTHOUSE],
            check=True,
        )
    return cli


def page_paths(stack: Stack) -> dict[str, str]:
    done = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "shell", "-c"]
        + [PAGES_SCRIPT % (LANGUAGES,)],
        cwd=ROOT,
        env=stack.env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def lighthouse(cli: Path, url: str, out: Path) -> dict:
    # Lighthouse now and then fails to record a trace (NO_NAVSTART): once more.
    for attempt in (1, 2):
        done = subprocess.run(
            ["node", str(cli), url, "--quiet", "--output=json"]
            + [f"--output-path={out}", f"--only-categories={','.join(CATEGORIES)}"]
            + ["--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=attempt == 2,
        )
        if done.returncode == 0:
            break
    report = json.loads(out.read_text())
    audits = report["audits"]
    scores = {
        name: round((report["categories"][name]["score"] or 0) * 100)
        for name in CATEGORIES
    }
    failed = sorted(
        {
            f"{audit_id} ({name})"
            for name in CATEGORIES
            for ref in report["categories"][name]["auditRefs"]
            if ref["weight"] > 0
            and (audit_id := ref["id"]) in audits
            and audits[audit_id]["score"] is not None
            and audits[audit_id]["score"] < 0.9
        }
    )
    return {
        **scores,
        **{short: audits[audit]["numericValue"] for audit, short in METRICS.items()},
        "lcp_element": _lcp_element(audits),
        "bytes": audits["total-byte-weight"]["numericValue"],
        "failed": failed,
    }


def _lcp_element(audits: dict) -> str:
    details = audits.get("largest-contentful-paint-element", {}).get("details", {})
    for item in details.get("items", []):
        for row in item.get("items", []):
            node = row.get("node")
            if node:
                return node.get("nodeLabel", "")[:40] or node.get("selector", "")
    return ""


def median_run(runs: list[dict]) -> dict:
    ordered = sorted(runs, key=lambda run: run["performance"])
    return ordered[len(ordered) // 2]


def row(page: str, path: str, runs: list[dict]) -> str:
    run = median_run(runs)
    performance = ", ".join(str(r["performance"]) for r in runs)
    return (
        f"| {page} (`{path}`) | **{run['performance']}** ({performance}) "
        f"| {run['accessibility']} | {run['best-practices']} | {run['seo']} "
        f"| {run['LCP'] / 1000:.1f} s | {run['TBT']:.0f} ms | {run['CLS']:.3f} "
        f"| {run['bytes'] / 1024:.0f} KiB |"
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
    parser.add_argument(
        "--page",
        action="append",
        help='only this page, as the table names it ("story, fr"); repeatable',
    )
    args = parser.parse_args()
    with contextlib.ExitStack() as cleanup:
        work = Path(cleanup.enter_context(tempfile.TemporaryDirectory()))
        cli = install(args.lighthouse_dir or work / "npm")
        (work / "lighthouse_settings.py").write_text(MEDIA_SETTINGS)
        (work / "lighthouse_urls.py").write_text(MEDIA_URLS)
        stack = cleanup.enter_context(Stack(workers=2, season=False))
        base = stack.gunicorn(
            free_port(),
            2,
            DJANGO_SETTINGS_MODULE="lighthouse_settings",
            PYTHONPATH=os.pathsep.join([str(work), str(ROOT)]),
        )
        reports = args.reports or work / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        paths = {
            page: path
            for page, path in page_paths(stack).items()
            if not args.page or page in args.page
        }
        # Once each first, as earlier visitors would have: the image
        # renditions are made on a page's first view, and the page cache
        # keeps the page for the next anonymous visitor.
        for path in paths.values():
            with urllib.request.urlopen(base + path, timeout=120) as response:
                response.read()
        lines = []
        for page, path in paths.items():
            slug = page.replace(", ", "-")
            runs = [
                lighthouse(cli, base + path, reports / f"{slug}-{run}.json")
                for run in range(args.runs)
            ]
            lines.append(row(page, path, runs))
            median = median_run(runs)
            print(lines[-1], flush=True)
            print(f"    LCP element: {median['lcp_element']}", flush=True)
            for failed in median["failed"]:
                print(f"    under 90: {failed}", flush=True)
    print()
    print(
        "| page | performance (median of runs) | accessibility | best practices "
        "| SEO | LCP | TBT | CLS | transferred |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
