"""The ar and fr catalogues translate every message the project uses."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

CATALOGUES = [
    Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    for language in ("ar", "fr")
]


def incomplete_messages(path: Path) -> list[str]:
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    problems = []
    for message in catalogue:
        if not message.id:
            continue  # the header
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    return problems


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_catalogue_is_complete(path):
    assert path.exists(), f"missing catalogue {path}"
    assert incomplete_messages(path) == []


def test_check_detects_untranslated_and_fuzzy(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Cart"\nmsgstr "Panier"\n\n'
        'msgid "Home"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Shop"\nmsgstr "Boutique"\n',
        encoding="utf-8",
    )

    assert incomplete_messages(po) == ["untranslated: 'Home'", "fuzzy: 'Shop'"]


def test_every_message_in_the_code_is_in_the_catalogues(tmp_path):
    """makemessages, run on a copy of the code, finds nothing the committed
    catalogues lack: no string was added without being translated."""
    import shutil
    import subprocess
    import sys

    root = Path(settings.BASE_DIR)
    # Every package of the project (a new app is checked without being listed
    # here), and the catalogues.
    packages = [
        path.name
        for path in root.iterdir()
        if (path / "__init__.py").exists()
        and path.name not in {"tests", "bench", "scripts"}
    ]
    assert {"core", "cms", "shop", "portal", "pos", "storefront"} <= set(packages)
    for name in [*packages, "locale"]:
        shutil.copytree(
            root / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(root / "manage.py", tmp_path / "manage.py")
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-location"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=300,
        env={
            **__import__("os").environ,
            "DJANGO_SETTINGS_MODULE": "storefront.settings.test",
        },
    )

    def ids(path):
        with path.open("rb") as handle:
            return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle)}

    extracted = ids(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    committed = ids(root / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    assert sorted(extracted - committed) == []
