"""Pricing is exact to the centime, whatever the cart."""

from hypothesis import given
from hypothesis import strategies as st

from shop.money import allocate, divide_half_up, vat_included
from shop.pricing import DiscountInput, LineInput, price_order

RATES = [0, 700, 1000, 1400, 2000]


def test_vat_breakdown_example():
    priced = price_order(
        [
            LineInput(unit_price=12000, quantity=2, vat_rate_bp=2000),  # 240.00
            LineInput(unit_price=3000, quantity=3, vat_rate_bp=1000),  # 90.00
            LineInput(unit_price=9500, quantity=1, vat_rate_bp=0),
        ],
        delivery=3500,
        delivery_vat_bp=2000,
    )
    assert priced.subtotal == 24000 + 9000 + 9500
    assert priced.total == 42500 + 3500
    # 240.00 TTC at 20 % holds 40.00 of VAT; 35.00 of delivery holds 5.83.
    assert priced.vat_by_rate == {0: 0, 1000: 818, 2000: 4000 + 583}
    assert priced.vat == 4000 + 818 + 583
    assert [line.vat for line in priced.lines] == [4000, 818, 0]


def test_discount_is_spread_over_eligible_lines_only():
    priced = price_order(
        [
            LineInput(unit_price=10000, quantity=1, vat_rate_bp=2000, eligible=True),
            LineInput(unit_price=5000, quantity=1, vat_rate_bp=2000, eligible=False),
        ],
        delivery=0,
        delivery_vat_bp=2000,
        discount=DiscountInput(kind="percent", value=1000),
    )
    assert priced.discount == 1000
    assert [line.discount for line in priced.lines] == [1000, 0]
    assert priced.total == 14000
    assert priced.vat == vat_included(14000, 2000)


def test_fixed_discount_never_exceeds_eligible_products():
    priced = price_order(
        [LineInput(unit_price=3000, quantity=1, vat_rate_bp=0)],
        delivery=3500,
        delivery_vat_bp=2000,
        discount=DiscountInput(kind="fixed", value=10000),
    )
    assert priced.discount == 3000
    assert priced.total == 3500  # delivery is still paid


def test_rounding_is_half_up_in_integers():
    assert divide_half_up(5, 2) == 3
    assert divide_half_up(-5, 2) == -3
    assert divide_half_up(4, 3) == 1
    assert vat_included(1000, 2000) == 167  # 166.67 rounds up
    assert allocate(100, [1, 1, 1]) == [34, 33, 33]
    assert allocate(-100, [1, 1, 1]) == [-34, -33, -33]


lines_strategy = st.lists(
    st.builds(
        LineInput,
        unit_price=st.integers(min_value=1, max_value=500_000),
        quantity=st.integers(min_value=1, max_value=99),
        vat_rate_bp=st.sampled_from(RATES),
        eligible=st.booleans(),
    ),
    min_size=1,
    max_size=12,
)
discount_strategy = st.one_of(
    st.none(),
    st.builds(DiscountInput, kind=st.just("percent"), value=st.integers(0, 10_000)),
    st.builds(DiscountInput, kind=st.just("fixed"), value=st.integers(0, 5_000_000)),
)


@given(
    lines=lines_strategy,
    delivery=st.integers(min_value=0, max_value=50_000),
    discount=discount_strategy,
)
def test_order_adds_up_to_the_centime(lines, delivery, discount):
    priced = price_order(
        lines, delivery=delivery, delivery_vat_bp=2000, discount=discount
    )

    gross = [line.unit_price * line.quantity for line in lines]
    assert priced.subtotal == sum(gross)
    assert priced.total == priced.subtotal + priced.delivery - priced.discount
    assert sum(line.discount for line in priced.lines) == priced.discount
    eligible_gross = sum(g for g, li in zip(gross, lines, strict=True) if li.eligible)
    assert 0 <= priced.discount <= eligible_gross
    for line, priced_line in zip(lines, priced.lines, strict=True):
        assert 0 <= priced_line.discount <= priced_line.gross
        if not line.eligible:
            assert priced_line.discount == 0
    # VAT per rate is the VAT inside what is charged at that rate...
    for rate in {line.vat_rate_bp for line in lines}:
        charged = sum(
            p.gross - p.discount for p in priced.lines if p.vat_rate_bp == rate
        )
        expected = vat_included(charged, rate)
        if rate == 2000 and delivery:
            expected += vat_included(delivery, 2000)
        assert priced.vat_by_rate[rate] == expected
    # ...and the lines' VAT adds up to it exactly.
    assert priced.vat == sum(p.vat for p in priced.lines) + priced.delivery_vat
    assert priced.vat == sum(priced.vat_by_rate.values())
