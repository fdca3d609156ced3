"""Every public page passes the Nu HTML checker (vnu.jar) with no error.

The pages of tests/public_pages.py (each page family in Arabic and French)
are written to one folder and checked by one run of the checker, so Java
starts once. vnu.jar comes from npm (package.json pins it; `make install`
runs `npm ci`) and runs on Debian's Java (.ci/run installs
default-jre-headless). Without either, the test is skipped on a developer's
machine and fails in CI.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.public_pages import public_pages

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.xdist_group("public_pages")


def _java() -> str:
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR.relative_to(ROOT)} (npm ci --ignore-scripts)")
    if missing:
        reason = "the Nu HTML checker needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason + "; .ci/run installs both")
        pytest.skip(reason)
    return java


def _file_name(page) -> str:
    return f"{page.language}-{page.name}.html"


def _readable(messages: list[dict], sources: dict[str, str]) -> str:
    lines = []
    for message in messages:
        name = Path(message.get("url", "")).name
        where = f"{name}:{message.get('lastLine', '?')}"
        lines.append(f"{where} ({sources.get(name, '?')}): {message['message']}")
        extract = message.get("extract", "").strip()
        if extract:
            lines.append(f"    {extract[:200]}")
    return "\n".join(lines)


def html_errors(pages, folder: Path, extras=()) -> tuple[list[dict], dict]:
    """The checker's errors on `pages` (Rendered, written to `folder`) and
    the `extras` files, from one run of Java; with {file name: url} to read
    them by (_readable)."""
    java = _java()
    sources = {}
    for page in pages:
        name = _file_name(page)
        (folder / name).write_text(page.html, encoding="utf-8")
        sources[name] = page.url
    result = subprocess.run(
        [java, "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        + ["--also-check-css", "--also-check-svg", "--exit-zero-always"]
        + sorted(str(path) for path in folder.iterdir())
        + [str(path) for path in extras],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [m for m in report["messages"] if m.get("type") != "info"]
    return errors, sources


def test_public_pages_have_no_html_errors(db, tmp_path):
    _java()
    pages = public_pages()
    for page in pages:
        assert page.status in {200, 404}, (page.url, page.status)
    # The site's own stylesheet and icon, while Java is running anyway.
    static = ROOT / "static"
    extras = [static / "css" / "site.css", static / "icons" / "favicon.svg"]

    errors, sources = html_errors(pages, tmp_path, extras)

    assert errors == [], f"{len(errors)} errors:\n" + _readable(errors, sources)
    assert len(pages) >= 2 * 20
