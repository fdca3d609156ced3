"""Work every process would otherwise do on its first request: import the
views behind every URL and compile every template. gunicorn runs it once in
the master after preloading the application, so a new or recycled worker
is forked with it done and answers at once."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver


def template_names() -> list[str]:
    folders = [Path(d) for engine in settings.TEMPLATES for d in engine["DIRS"]]
    folders += [
        Path(app.path) / "templates"
        for app in apps.get_app_configs()
        if app.name.split(".")[0] in {"storefront", "cms", "shop", "cooperatives"}
    ]
    return sorted(
        {
            str(path.relative_to(folder))
            for folder in folders
            if folder.is_dir()
            for path in folder.rglob("*")
            if path.suffix in {".html", ".txt", ".xml"}
        }
    )


def warm_up() -> int:
    get_resolver().url_patterns  # noqa: B018 - imports every view module
    names = template_names()
    for name in names:
        get_template(name)
    return len(names)
