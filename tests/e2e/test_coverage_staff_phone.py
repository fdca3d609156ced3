"""Foundation staff on a 360 px phone, in Arabic: open a member from the
coverage report, end her enrolment with a reason, correct her phone; she
then shows among the members without coverage. No page scrolls sideways
and every control is at least 44 px high."""

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from cooperatives.models import today
from cooperatives.tests.coverage_factories import EnrolmentFactory, MemberFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH = 360
PASSWORD = "cle-de-test-123"  # noqa: S105
NAME = "فاطمة أيت علي"

SMALL_TARGETS = """
() => [...document.querySelectorAll(
    '.coverage-staff a.button, .coverage-staff button, .coverage-staff select,'
    + ' .coverage-staff input:not([type=hidden]), .coverage-staff textarea,'
    + ' .coverage-staff a.coverage-staff__link'
  )].filter((el) => el.getBoundingClientRect().height < 44)
   .map((el) => el.outerHTML.slice(0, 80))
"""


def fits(page) -> None:
    assert page.evaluate("document.documentElement.dir") == "rtl"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, width
    assert page.evaluate(SMALL_TARGETS) == []


def test_staff_end_an_enrolment_and_correct_a_member_on_a_phone(
    live_server, browser, django_user_model
):
    start = today().replace(day=1) - datetime.timedelta(days=80)
    enrolment = EnrolmentFactory(member=MemberFactory(name=NAME), starts_on=start)
    member = enrolment.member
    staff = django_user_model.objects.create_user("salma", password=PASSWORD)
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    UserProfile.get_for_user(staff)
    UserProfile.objects.filter(user=staff).update(preferred_language="ar")
    context = browser.new_context(
        locale="ar-MA",
        viewport={"width": WIDTH, "height": 800},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    base = live_server.url

    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", "salma")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")
    page.goto(base + "/admin/coverage/")
    page.locator(f'[data-due] a[href="/admin/coverage/members/{member.pk}/"]').click()
    page.wait_for_url(f"**/coverage/members/{member.pk}/")
    fits(page)

    page.locator(f'a[href="/admin/coverage/enrolments/{enrolment.pk}/end/"]').click()
    page.wait_for_url(f"**/enrolments/{enrolment.pk}/end/")
    fits(page)
    last_day = today().replace(day=1) - datetime.timedelta(days=1)
    page.fill("input[name=ends_on]", "2001-01-01")  # before it started
    page.select_option("select[name=reason]", "other_scheme")
    page.locator("form[data-end] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_ends_on-error").count() == 1
    fits(page)  # with the message next to the field
    page.fill("input[name=ends_on]", last_day.isoformat())
    page.locator("form[data-end] button[type=submit]").click()
    page.wait_for_url(f"**/coverage/members/{member.pk}/")
    assert page.locator("[data-enrolments] a.button").count() == 0
    assert page.locator("[data-history] li").count() == 1

    page.fill("input[name=phone]", "06 61 23 45 67")
    page.locator("form[data-correct] button[type=submit]").click()
    page.wait_for_url(f"**/coverage/members/{member.pk}/")
    assert "06 61 23 45 67" in page.locator("[data-phone]").inner_text()
    assert page.locator("[data-history] li").count() == 2
    fits(page)

    page.goto(base + "/admin/coverage/")
    assert page.locator("[data-uncovered] tr", has_text=NAME).count() == 1
    context.close()
