"""Export papers: the commercial invoice and the packing list of an export
order, read back from the PDF: exporter and its identifiers, consignee,
Incoterm, HS codes, origin, quantities, prices, weights and totals, in the
order's language; staff only."""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from core.pdf import FSI, PDI, document_html
from shop.export_papers import export_context, export_paper_pdf
from shop.money import format_mad
from shop.tests.business import business_order
from shop.tests.factories import VariantFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text.replace(FSI, "").replace(PDI, "").replace("\u00a0", " ")


@pytest.fixture
def export_order():
    honey = VariantFactory(
        price=12000, stock=100, net_weight_grams=250, weight_grams=380
    )
    honey.product.hs_code = "0409000000"
    honey.product.save()
    oil = VariantFactory(price=25000, stock=100, net_weight_grams=500, weight_grams=720)
    oil.product.hs_code = "151590"
    oil.product.origin_country = "MA"
    oil.product.save()
    return business_order(
        (honey, 24), (oil, 12), incoterm="CIF", language="fr", delivery=150000
    )


def test_commercial_invoice_shows_the_customs_data_and_totals(export_order):
    text = pdf_text(export_paper_pdf(export_order, "commercial-invoice"))

    assert "Facture commerciale" in text or "Commercial invoice" in text
    assert export_order.number in text
    assert settings.FOUNDATION_ICE in text and settings.FOUNDATION_IF in text
    assert "Épicerie Fine du Rhône SARL" in text
    assert "CIF 2020" in text
    assert "0409000000" in text and "151590" in text
    assert "Maroc" in text  # origin, in French
    # 24 × 250 g = 6 kg net, 24 × 380 g = 9.12 kg gross; 12 × 500 g = 6 kg,
    # 12 × 720 g = 8.64 kg; in all 12 kg net and 17.76 kg gross.
    for weight in ("6,000 kg", "9,120 kg", "8,640 kg", "12,000 kg", "17,760 kg"):
        assert weight in text, weight
    for amount in (
        12000,
        24 * 12000,
        12 * 25000,
        export_order.subtotal,
        export_order.delivery,
        export_order.total,
    ):
        assert format_mad(amount, "fr").replace("\u00a0", " ").replace(
            "\u202f", " "
        ) in text.replace("\u202f", " "), amount
    assert export_order.total == 24 * 12000 + 12 * 25000 + 150000


def test_packing_list_shows_weights_without_prices(export_order):
    text = pdf_text(export_paper_pdf(export_order, "packing-list"))
    assert "0409000000" in text and "CIF 2020" in text
    assert "17,760 kg" in text and "12,000 kg" in text
    assert "36" in text  # units in all
    assert format_mad(export_order.total, "fr").replace("\u00a0", " ") not in text


def test_the_papers_follow_the_orders_language(export_order):
    export_order.language = "en"
    export_order.save()
    english = pdf_text(export_paper_pdf(export_order, "commercial-invoice"))
    assert "Commercial invoice" in english and "17.760 kg" in english
    assert "Morocco" in english

    export_order.language = "ar"
    export_order.save()
    arabic = pdf_text(export_paper_pdf(export_order, "packing-list"))
    assert "0409000000" in arabic and "CIF" in arabic
    # "Exporter" and "Total", from the Arabic catalogue, read back as printed.
    assert "المصدِّر" in arabic and "المجموع" in arabic
    with translation.override("ar"):
        html = document_html(
            "shop/export/paper_pdf.html", export_context(export_order, "packing-list")
        )
    assert '<html lang="ar" dir="rtl">' in html
    assert f"<bdi>{FSI}0409000000{PDI}</bdi>" in html


def test_staff_print_the_papers_and_others_cannot(
    client, django_user_model, export_order
):
    url = reverse(
        "shop_order_export_paper", args=(export_order.pk, "commercial-invoice")
    )
    buyer = django_user_model.objects.create_user("client", password="x-pass-12345")
    client.force_login(buyer)
    assert client.get(url).status_code in (302, 403)

    staff = django_user_model.objects.create_user("nadia", password="x-pass-12345")
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "0409000000" in pdf_text(response.content)
    detail = client.get(reverse("shop_order_detail", args=(export_order.pk,)))
    assert url in detail.content.decode()
    other = reverse("shop_order_export_paper", args=(export_order.pk, "certificate"))
    assert client.get(other).status_code in (302, 404)


@pytest.mark.parametrize("code", ["0409", "04090000001", "0409.00", "HS0409"])
def test_an_hs_code_is_six_to_ten_digits(code):
    product = VariantFactory().product
    product.hs_code = code
    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert "hs_code" in error.value.message_dict


def test_origin_is_a_country_code_and_net_weight_is_not_above_gross():
    variant = VariantFactory(weight_grams=500)
    product = variant.product
    assert product.origin_country == "MA"
    product.origin_country = "XX"
    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert "origin_country" in error.value.message_dict
    variant.net_weight_grams = 501
    with pytest.raises(ValidationError) as error:
        variant.full_clean()
    assert "net_weight_grams" in error.value.message_dict
    variant.net_weight_grams = 500
    variant.full_clean()


def test_every_demo_product_has_customs_data():
    from shop.models.catalog import hs_code_validator
    from storefront.demo import content
    from storefront.demo.export_data import hs_code, net_grams

    products = [p for coop in content.COOPERATIVES for p in coop["products"]]
    for product in products:
        hs_code_validator(hs_code(product))  # raises if not 6 to 10 digits
        for variant in product["variants"]:
            assert 0 < net_grams(variant) <= variant["weight"], variant["sku"]
    honey = next(p for p in products if p["variants"][0]["sku"] == "TIF-THYM-250")
    assert hs_code(honey) == "040900"
    assert [net_grams(v) for v in honey["variants"]] == [250, 500]
