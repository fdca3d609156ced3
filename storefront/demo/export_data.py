"""Customs data of the demo products, so export papers print with data: the
HS code of each product (six digits of the international nomenclature) and
the net weight of each variant, read from its French label ("250 g",
"1 kg", "Vrac 50 g", "200 ml" counted at about a gram per millilitre)."""

import re

HS_BY_CATEGORY = {
    "honey": "040900",  # natural honey
    "herbs": "121190",  # plants for infusions, perfumery, pharmacy
    "cosmetics": "330190",  # floral waters (aqueous distillates)
    "oils": "151590",  # argan oil, other fixed vegetable oils
    "food": "110319",  # groats and meal of cereals
}
HS_BY_SKU_PREFIX = {
    "AGH-POLL": "041090",  # bee pollen
    "TIF-THYM-DRY": "091099",  # thyme, a spice
    "AFO-COSM": "151590",  # cosmetic argan oil
    "AFO-AMLOU": "200819",  # almond and argan spread
    "TIW-BLE": "110311",  # wheat groats
    "AJD-BOUT": "121190",  # dried rosebuds
}
_QUANTITY = re.compile(r"([0-9]+(?:[.,][0-9]+)?)\s*(kg|g|ml|cl|l)\b")
_GRAMS = {"kg": 1000, "g": 1, "l": 1000, "cl": 10, "ml": 1}


def hs_code(product: dict) -> str:
    sku = product["variants"][0]["sku"]
    for prefix, code in HS_BY_SKU_PREFIX.items():
        if sku.startswith(prefix):
            return code
    return HS_BY_CATEGORY.get(product["category"], "")


def net_grams(variant: dict) -> int:
    """The contents of a variant from its label, never more than its packed
    weight; 0 when the label says no weight ("20 sachets")."""
    match = _QUANTITY.search(variant["label"]["fr"].replace("\u00a0", " "))
    if match is None:
        return 0
    amount = float(match.group(1).replace(",", "."))
    return min(round(amount * _GRAMS[match.group(2)]), variant["weight"])
