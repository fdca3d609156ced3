import pytest

from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_arabic_visitor_switches_to_french(live_server, page):
    page.goto(live_server.url + "/")

    # No Accept-Language match but Arabic: the site opens right to left.
    page.wait_for_url(f"{live_server.url}/ar/")
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    assert serious_violations(page) == []

    page.get_by_role("navigation", name="اللغة").get_by_role(
        "link", name="français"
    ).click()

    page.wait_for_url(f"{live_server.url}/fr/")
    assert html.get_attribute("lang") == "fr"
    assert html.get_attribute("dir") == "ltr"
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith("Les produits des coopératives")
    )
    assert serious_violations(page) == []


def test_skip_link_moves_focus_to_main(live_server, page):
    page.goto(live_server.url + "/fr/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Aller au contenu principal"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
