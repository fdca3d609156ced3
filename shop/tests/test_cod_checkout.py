"""Cash on delivery said plainly (issue 14, point 5): "to pay on delivery"
wherever the buyer reads the order; the review names payment and delivery
and links the terms of sale; no email needed to pay cash; store pick-up asks
no address; the discount code's errors under its field; a guest finds an
order with its number and phone or email, and cannot guess another's."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone, translation
from wagtail.models import Site

from shop.models import Cart, CartLine, DiscountCode, Order, OrderEvent
from shop.orders.states import OrderStatus
from shop.services.checkout import CheckoutDetails, CheckoutError, order_place
from shop.tests.conftest import add_to_cart, place_order, review_token
from shop.tests.factories import DeliveryMethodFactory, DiscountCodeFactory

pytestmark = pytest.mark.django_db

TO_PAY = {
    "ar": "يُدفع عند الاستلام",
    "fr": "À payer à la livraison",
    "en": "To pay on delivery",
}
AWAITING = {"ar": "في انتظار الأداء", "fr": "En attente de paiement"}


@pytest.fixture
def pickup(db):
    return DeliveryMethodFactory(
        zone="pickup",
        price=0,
        name_fr="Retrait à la boutique solidaire",
        name_ar="الاستلام من المتجر التضامني",
        name_en="Pick-up at the solidarity store",
        description_en="18, rue Assaâda, Maârif, Casablanca",
    )


def _guest_order(client, variant, checkout_post, language="en", **overrides):
    add_to_cart(client, variant.sku, 1, language=language)
    response = place_order(client, checkout_post, language=language, **overrides)
    return response, Order.objects.latest("pk")


# 1. "To pay on delivery" wherever the buyer reads the order ---------------


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_confirmation_page_says_to_pay_on_delivery(
    client, variant, checkout_post, language
):
    response, order = _guest_order(client, variant, checkout_post, language)

    content = response.content.decode()
    assert order.status == OrderStatus.AWAITING_PAYMENT  # the state machine's
    assert TO_PAY[language] in content
    assert "Awaiting payment" not in content
    if language in AWAITING:
        assert AWAITING[language] not in content


def test_confirmation_email_says_to_pay_on_delivery_and_how_to_find_the_order(
    client, variant, checkout_post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _guest_order(client, variant, checkout_post, "ar")

    message = mail.outbox[0]
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert TO_PAY["ar"] in body
        assert AWAITING["ar"] not in body
        assert "http://testserver/ar/orders/find/" in body


def test_account_says_to_pay_on_delivery_for_cash_and_awaiting_for_a_card(
    client, variant, checkout_post, django_user_model
):
    me = django_user_model.objects.create_user("me@example.ma", "me@example.ma", "x")
    client.force_login(me)
    _, cash = _guest_order(client, variant, checkout_post, "fr")
    _, card = _guest_order(client, variant, checkout_post, "fr")
    Order.objects.filter(pk=card.pk).update(payment_method="stripe")

    rows = re.findall(r"<tr>.*?</tr>", client.get("/fr/account/").content.decode())

    cash_row = next(row for row in rows if cash.number in row)
    card_row = next(row for row in rows if card.number in row)
    assert TO_PAY["fr"] in cash_row and AWAITING["fr"] not in cash_row
    assert AWAITING["fr"] in card_row and TO_PAY["fr"] not in card_row
    detail = client.get(f"/fr/orders/{cash.number}/").content.decode()
    assert TO_PAY["fr"] in detail


def test_paid_cash_order_no_longer_asks_for_cash(client, variant, checkout_post):
    _, order = _guest_order(client, variant, checkout_post, "en")
    Order.objects.filter(pk=order.pk).update(
        status=OrderStatus.PAID, paid_at=timezone.now()
    )

    content = client.get(
        f"/en/orders/{order.number}/", {"token": order.access_token}
    ).content.decode()

    assert "Paid" in content
    assert TO_PAY["en"] not in content
    assert "pay the courier in cash" not in content


# 2. The review page: payment, delivery, the terms of sale ------------------


@pytest.fixture
def terms_page(db):
    from cms.tests.factories import StandardPageFactory
    from shop.models import LegalPages

    site = Site.objects.get(is_default_site=True)
    page = StandardPageFactory(
        parent=site.root_page.specific,
        title_en="Terms of sale",
        slug="terms-of-sale",
        slug_ar="shurut-al-bay",
        slug_fr="conditions-generales-de-vente",
        slug_en="terms-of-sale",
    )
    LegalPages.objects.update_or_create(site=site, defaults={"terms_page": page})
    return page


@pytest.mark.parametrize(
    ("language", "slug"),
    [
        ("ar", "shurut-al-bay"),
        ("fr", "conditions-generales-de-vente"),
        ("en", "terms-of-sale"),
    ],
)
def test_review_names_payment_and_delivery_and_links_the_terms(
    client, variant, checkout_post, delivery, terms_page, language, slug
):
    add_to_cart(client, variant.sku, 1, language=language)
    client.post(f"/{language}/checkout/", checkout_post)

    response = client.get(f"/{language}/checkout/review/")

    content = response.content.decode()
    with translation.override(language):
        assert str(translation.gettext("Cash on delivery")) in content
        assert getattr(delivery, f"name_{language}") in content
    assert response.context["priced"].delivery == 3500
    label = re.search(r'<label for="id_accept_terms">(.*?)</label>', content).group(1)
    link = re.search(r'href="([^"]+)"', label).group(1)
    assert link == f"/{language}/{slug}/"
    assert client.get(link).status_code == 200


def test_review_without_a_terms_page_links_nothing(client, variant, checkout_post):
    add_to_cart(client, variant.sku, 1, language="en")
    client.post("/en/checkout/", checkout_post)

    content = client.get("/en/checkout/review/").content.decode()

    label = re.search(r'<label for="id_accept_terms">(.*?)</label>', content).group(1)
    assert "terms of sale" in label and "href" not in label


def test_demo_content_has_the_terms_page_the_review_links():
    from storefront.demo import content

    legal = [page.get("legal") for page in content.STANDARD_PAGES]
    assert "terms" in legal and "privacy" in legal


# 3. Email optional when paying cash with a valid phone ---------------------


def test_cash_order_without_email_is_placed_and_emails_nobody(
    client, variant, checkout_post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response, order = _guest_order(
            client, variant, checkout_post, "en", email="", phone="+212 661 23 45 67"
        )

    assert response.status_code == 200
    assert (order.email, order.phone) == ("", "+212661234567")
    assert mail.outbox == []
    assert not OrderEvent.objects.filter(order=order, kind="email").exists()
    content = response.content.decode()
    assert "A confirmation was sent" not in content
    assert 'href="/en/orders/find/"' in content


def test_card_payment_still_needs_an_email(client, variant, checkout_post):
    add_to_cart(client, variant.sku, 1, language="en")

    response = client.post(
        "/en/checkout/", {**checkout_post, "email": "", "payment_method": "stripe"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Please enter your email address: only cash on delivery can do without it."
    ]
    assert 'id="id_email_error"' in response.content.decode()
    assert "checkout_details" not in client.session


def test_the_service_refuses_a_card_order_without_email(variant, delivery):
    cart = Cart.objects.create()
    CartLine.objects.create(cart=cart, variant=variant, quantity=1)
    details = CheckoutDetails(
        email="",
        phone="+212612345678",
        full_name="Amina",
        address_line="12 rue Oued Sebou",
        city="Rabat",
        postal_code="",
        country="MA",
        province="MA-RAB",
        delivery_method_id=delivery.pk,
        payment_method="stripe",
    )

    with (
        translation.override("en"),
        pytest.raises(CheckoutError, match="only cash on delivery"),
    ):
        order_place(cart=cart, details=details, language="en")
    assert not Order.objects.exists()
    assert cart.lines.count() == 1
    variant.refresh_from_db()
    assert variant.stock == 10


def test_cash_without_email_needs_a_valid_phone(client, variant, checkout_post):
    add_to_cart(client, variant.sku, 1, language="en")

    response = client.post(
        "/en/checkout/", {**checkout_post, "email": "", "phone": "12"}
    )

    errors = response.context["form"].errors
    assert "Please enter a valid phone number" in errors["phone"][0]
    assert "email" not in errors
    assert not Order.objects.exists()


# 4. Store pick-up asks for no address --------------------------------------


def test_pickup_needs_no_address_and_ignores_one_typed(
    client, variant, checkout_post, pickup
):
    blank = {
        "country": "",
        "province": "",
        "city": "",
        "address_line": "",
        "postal_code": "",
    }
    add_to_cart(client, variant.sku, 1, language="en")
    # Even rubbish left in the (hidden) address fields is ignored.
    response = client.post(
        "/en/checkout/",
        {
            **checkout_post,
            **blank,
            "city": "x" * 5000,
            "address_line": "\x9b",
            "province": "MA-ATL",
            "delivery_method": str(pickup.pk),
            "email": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    review = client.get("/en/checkout/review/").content.decode()
    assert "Delivery address" not in review
    assert "Pick-up at the solidarity store — " in review

    response = client.post(
        "/en/checkout/review/",
        {"accept_terms": "on", "checkout_token": review_token(client, "en")},
        follow=True,
    )

    order = Order.objects.get()
    assert (order.country, order.province, order.city, order.address_line) == (
        "MA",
        "",
        "",
        "",
    )
    assert (order.delivery_method_id, order.delivery) == (pickup.pk, 0)
    content = response.content.decode()
    assert "collect your order at the solidarity store" in content
    assert "Delivery address" not in content


def test_home_delivery_still_needs_the_address(client, variant, checkout_post, pickup):
    add_to_cart(client, variant.sku, 1, language="en")

    response = client.post(
        "/en/checkout/", {**checkout_post, "city": "", "address_line": ""}
    )

    errors = response.context["form"].errors
    assert set(errors) == {"city", "address_line"}
    assert "checkout_details" not in client.session


def test_the_address_fieldset_is_marked_for_the_pickup_script(client, variant, pickup):
    add_to_cart(client, variant.sku, 1, language="en")

    content = client.get("/en/checkout/").content.decode()

    assert "<fieldset data-address>" in content
    assert 'data-zone="pickup"' in content
    assert "js/pickup.js" in content
    assert "Not needed if you collect your order" in content


# 5. The discount code's errors under its field ----------------------------


def test_refused_code_is_reported_under_its_field(client, variant, checkout_post):
    add_to_cart(client, variant.sku, 1, language="en")

    response = client.post("/en/checkout/", {**checkout_post, "discount_code": "NOPE"})

    form = response.context["form"]
    assert form.errors["discount_code"] == ["This discount code does not exist."]
    assert form.non_field_errors() == []
    content = response.content.decode()
    field = re.search(r'<input[^>]*name="discount_code"[^>]*>', content).group(0)
    assert 'aria-invalid="true"' in field
    assert re.search(r'aria-describedby="[^"]*id_discount_code_error', field)
    assert re.search(
        r'<p class="field__error" id="id_discount_code_error">'
        r"This discount code does not exist.</p>",
        content,
    )
    assert (
        'role="alert">'
        not in content.split('name="discount_code"')[0].split("<form")[1]
    )


def test_code_that_expires_before_the_review_is_shown_under_its_field(
    client, variant, checkout_post
):
    DiscountCodeFactory(code="SOON")
    add_to_cart(client, variant.sku, 1, language="en")
    client.post("/en/checkout/", {**checkout_post, "discount_code": "SOON"})
    token = review_token(client, "en")
    DiscountCode.objects.update(valid_until=timezone.now() - datetime.timedelta(1))

    response = client.post(
        "/en/checkout/review/", {"accept_terms": "on", "checkout_token": token}
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/checkout/"
    page = client.get("/en/checkout/")
    assert page.context["form"].errors["discount_code"] == [
        "This discount code has expired."
    ]
    assert 'value="SOON"' in page.content.decode()
    assert not Order.objects.exists()
    # Seen once: the next visit is the plain form again.
    assert not client.get("/en/checkout/").context["form"].is_bound


# 6. Find my order -----------------------------------------------------------


@pytest.fixture
def placed(client, variant, checkout_post):
    _, order = _guest_order(client, variant, checkout_post, "en")
    client.cookies.clear()  # another visitor: a guest without the link
    return order


def _find(client, number, contact, language="en", **extra):
    return client.post(
        f"/{language}/orders/find/", {"number": number, "contact": contact}, **extra
    )


@pytest.mark.parametrize(
    "contact",
    [
        "06 12 34 56 78",
        "+212 6 12 34 56 78",
        "00212612345678",
        "٠٦١٢٣٤٥٦٧٨",
        "Amina@Example.MA",
    ],
)
def test_guest_finds_the_order_by_phone_or_email(client, placed, contact):
    number = placed.number.lower().replace("-", " ")

    response = _find(client, number, contact)

    assert response.status_code == 302
    assert response["Location"] == (
        f"/en/orders/{placed.number}/?token={placed.access_token}"
    )
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert TO_PAY["en"] in page.content.decode()


def test_a_miss_says_the_same_whatever_did_not_match(
    client, placed, variant, checkout_post
):
    _, other = _guest_order(
        client, variant, checkout_post, "en", phone="0661234567", email="o@x.ma"
    )
    client.cookies.clear()
    misses = [
        (placed.number, "0699999999"),  # right number, wrong phone
        (placed.number, "o@x.ma"),  # right number, another order's email
        (placed.number, "0661234567"),  # right number, another order's phone
        ("TD-999999", "0612345678"),  # a number that does not exist
    ]
    errors = set()
    for number, contact in misses:
        response = _find(client, number, contact)
        assert response.status_code == 200
        errors.add(tuple(response.context["form"].non_field_errors()))
    assert errors == {("No order matches this number with this phone or email.",)}
    assert other.number != placed.number


def test_an_order_without_email_is_not_found_by_an_empty_email(
    client, variant, checkout_post
):
    _, order = _guest_order(client, variant, checkout_post, "en", email="")
    client.cookies.clear()

    for contact in ("@", " @ ", "x@"):
        assert _find(client, order.number, contact).status_code == 200
    assert _find(client, order.number, "0612345678").status_code == 302


@pytest.mark.parametrize(
    ("number", "contact", "field", "message"),
    [
        ("TD-\x9b000001", "0612345678", "number", "special characters"),
        ("TD-000001", "06\x8512", "contact", "special characters"),
        ("9" * 100_000, "0612345678", "number", "at most 30 characters"),
        ("TD-000001", "a" * 100_000, "contact", "at most 254 characters"),
        ("<script>", "0612345678", "number", "as it is written"),
        ("", "", "number", "This field is required."),
    ],
)
def test_hostile_input_gets_a_clear_message(
    client, placed, number, contact, field, message
):
    response = _find(client, number, contact)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])


@pytest.mark.parametrize(
    ("number", "contact"), [("TD-\x00001", "0612345678"), ("TD-000001", "06\x0012")]
)
def test_nul_bytes_get_the_bad_request_page(client, placed, number, contact):
    response = _find(client, number, contact)

    # Refused for the whole site before any query (InvalidCharactersMiddleware).
    assert response.status_code == 400
    assert "This request cannot be read" in response.content.decode()


def test_guessing_phones_for_one_number_is_stopped(client, placed):
    for attempt in range(5):
        response = _find(client, placed.number, f"06000000{attempt:02d}")
        assert response.status_code == 200

    response = _find(client, placed.number, "0612345678")  # the right phone

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    # From elsewhere too: the number itself is protected.
    other = _find(client, placed.number, "0612345678", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 429


def test_guessing_numbers_from_one_address_is_stopped(client, placed):
    for attempt in range(10):
        response = _find(client, f"TD-9{attempt:05d}", "0612345678")
        assert response.status_code == 200

    assert _find(client, placed.number, "0612345678").status_code == 429
    # Another visitor is not held back.
    other = _find(client, placed.number, "0612345678", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_find_my_order_is_linked_from_the_sign_in_page(client):
    content = client.get("/ar/account/login/").content.decode()

    assert 'href="/ar/orders/find/"' in content
    page = client.get("/ar/orders/find/")
    assert page.status_code == 200
    assert 'dir="ltr"' in page.content.decode()


def test_find_my_order_answers_with_the_cache_down(client, placed, monkeypatch):
    class DownCache:
        def __getattr__(self, name):
            def refuse(*args, **kwargs):
                raise ConnectionError("cache down")

            return refuse

    monkeypatch.setattr("shop.views.cache", DownCache())

    assert _find(client, placed.number, "0600000000").status_code == 200
    assert _find(client, placed.number, "0612345678").status_code == 302
