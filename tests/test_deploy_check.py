import os
import subprocess
import sys

from django.conf import settings


def test_production_settings_pass_check_deploy():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "storefront.settings.production",
        "DJANGO_SECRET_KEY": "x9!Lq2#vT8@pZ4$wR7^mN1&kB6*jH3(gF5)dS0-aQ_eY+uI=oP",
        "DJANGO_ALLOWED_HOSTS": "shop.example.org",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://shop.example.org",
        "PUBLIC_URL": "https://shop.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SECRET_KEY", "DATABASE_URL"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "storefront.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
