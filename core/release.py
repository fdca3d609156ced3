"""What identifies the code a process runs, for caches that must not
outlive it.

A page cached by the previous version of the code names the previous
version's stylesheets and scripts (hashed file names that a deploy removes)
and shows its templates and translations: served after a deploy, it would
show a page without its styles. So the page cache keys every entry by the
release: a new release starts from an empty cache, and during a rolling
deploy each node serves only pages made by its own code.

The release is `TADAMON_RELEASE` when set (a commit id from the deploy),
else a digest of the files that make a page (Python code, templates,
translations, static sources), the same on every machine with the same
code; about 30 ms, once per process."""

import functools
import hashlib
import os
from pathlib import Path

from django.conf import settings

_SUFFIXES = (".py", ".html", ".txt", ".mo", ".js", ".css", ".svg", ".json")
_SKIPPED = {
    ".git",
    ".venv",
    "node_modules",
    "staticfiles",
    "media",
    "tmp",
    "__pycache__",
    "tests",
    "bench",
}


def source_digest(base: Path) -> str:
    """A digest of the page-making files under `base` (names and contents,
    in a fixed order)."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(_SUFFIXES):
                path = Path(root) / name
                digest.update(str(path.relative_to(base)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def release() -> str:
    configured = os.environ.get("TADAMON_RELEASE", "").strip()
    if configured:
        return hashlib.sha256(configured.encode()).hexdigest()[:16]
    return source_digest(Path(settings.BASE_DIR))
