"""The layers of ARCHITECTURE.md, checked on the source: storefront -> cms,
portal, pos -> shop -> cooperatives -> core. A module may import its own
layer or one below, never one above."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RANK = {
    "core": -1,
    "cooperatives": 0,
    "shop": 1,
    "cms": 2,
    "portal": 2,
    "pos": 2,
    "trade": 2,
    "storefront": 3,
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module.split(".")[0]


def _sources(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        # Tests and migrations may reach across layers to set up data.
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


@pytest.mark.parametrize("app", sorted(RANK))
def test_no_app_imports_a_layer_above_it(app):
    offending = []
    for path in _sources(app):
        for name in _imports(path):
            if name in RANK and name != app and RANK[name] >= RANK[app]:
                offending.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offending == []


def test_the_check_sees_an_import_from_above(tmp_path):
    source = tmp_path / "x.py"
    source.write_text("from portal import selectors\nimport shop.models\n")
    assert list(_imports(source)) == ["portal", "shop"]


def test_pytest_collects_every_apps_tests():
    """An app's tests/ folder missing from `testpaths` would never run in CI."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    testpaths = set(config["tool"]["pytest"]["ini_options"]["testpaths"])
    apps_with_tests = {
        path.parent.name
        for path in ROOT.glob("*/tests")
        if path.is_dir() and path.parent.name not in {".venv", "node_modules"}
    }
    assert apps_with_tests - testpaths == set()
