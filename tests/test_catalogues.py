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
