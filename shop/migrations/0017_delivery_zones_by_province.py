"""Delivery priced by zone (region or province), not by city.

A "same city" method served one of the 35 cities the checkout offered; it
now serves that city's province or prefecture. One whose city is not among
them is switched off rather than widened to the whole country. Orders placed
with one of those cities get its province and region."""

from django.db import migrations, models

import shop.models.delivery

# The checkout's former city keys -> (province or prefecture, region).
CITY_PROVINCES = {
    "Casablanca": ("MA-CAS", "MA-06"),
    "Rabat": ("MA-RAB", "MA-04"),
    "Salé": ("MA-SAL", "MA-04"),
    "Témara": ("MA-SKH", "MA-04"),
    "Kénitra": ("MA-KEN", "MA-04"),
    "Mohammédia": ("MA-MOH", "MA-06"),
    "El Jadida": ("MA-JDI", "MA-06"),
    "Settat": ("MA-SET", "MA-06"),
    "Marrakech": ("MA-MAR", "MA-07"),
    "Safi": ("MA-SAF", "MA-07"),
    "Essaouira": ("MA-ESI", "MA-07"),
    "Agadir": ("MA-AGD", "MA-09"),
    "Taroudant": ("MA-TAR", "MA-09"),
    "Tiznit": ("MA-TIZ", "MA-09"),
    "Ouarzazate": ("MA-OUA", "MA-08"),
    "Errachidia": ("MA-ERR", "MA-08"),
    "Béni Mellal": ("MA-BEM", "MA-05"),
    "Azilal": ("MA-AZI", "MA-05"),
    "Khénifra": ("MA-KHN", "MA-05"),
    "Khouribga": ("MA-KHO", "MA-05"),
    "Fès": ("MA-FES", "MA-03"),
    "Meknès": ("MA-MEK", "MA-03"),
    "Ifrane": ("MA-IFR", "MA-03"),
    "Sefrou": ("MA-SEF", "MA-03"),
    "Taza": ("MA-TAZ", "MA-03"),
    "Oujda": ("MA-OUJ", "MA-02"),
    "Nador": ("MA-NAD", "MA-02"),
    "Al Hoceïma": ("MA-HOC", "MA-01"),
    "Tanger": ("MA-TNG", "MA-01"),
    "Tétouan": ("MA-TET", "MA-01"),
    "Larache": ("MA-LAR", "MA-01"),
    "Chefchaouen": ("MA-CHE", "MA-01"),
    "Laâyoune": ("MA-LAA", "MA-11"),
    "Dakhla": ("MA-OUD", "MA-12"),
    "Guelmim": ("MA-GUE", "MA-10"),
}


def _province(city: str):
    folded = city.strip().casefold()
    for key, places in CITY_PROVINCES.items():
        if key.casefold() == folded:
            return places
    return None


def to_zones(apps, schema_editor):
    DeliveryMethod = apps.get_model("shop", "DeliveryMethod")
    Order = apps.get_model("shop", "Order")
    for method in DeliveryMethod.objects.filter(zone="same_city"):
        places = _province(method.city)
        if places is None:
            method.zone, method.is_active = "morocco", False
        else:
            method.zone = places[0]
        method.save(update_fields=["zone", "is_active"])
    for city, (province, region) in CITY_PROVINCES.items():
        Order.objects.filter(country="MA", city=city, province="").update(
            province=province, region=region
        )


def to_cities(apps, schema_editor):
    DeliveryMethod = apps.get_model("shop", "DeliveryMethod")
    cities = {province: city for city, (province, _r) in CITY_PROVINCES.items()}
    for method in DeliveryMethod.objects.filter(zone__startswith="MA-"):
        method.city = cities.get(method.zone, "")
        method.zone = "same_city" if method.city else "morocco"
        method.is_active = method.is_active and bool(method.city)
        method.save(update_fields=["zone", "city", "is_active"])


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0016_sales_summaries"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="province",
            field=models.CharField(
                blank=True, max_length=6, verbose_name="province or prefecture"
            ),
        ),
        migrations.AddField(
            model_name="order",
            name="region",
            field=models.CharField(blank=True, max_length=5, verbose_name="region"),
        ),
        migrations.AlterField(
            model_name="deliverymethod",
            name="zone",
            field=models.CharField(
                choices=shop.models.delivery.zone_choices,
                help_text=(
                    "Home delivery to a province is priced by the narrowest zone "
                    "that has a method: the province, else its region, else the "
                    "rest of Morocco."
                ),
                max_length=20,
                verbose_name="zone",
            ),
        ),
        migrations.RunPython(to_zones, to_cities),
        migrations.RemoveField(
            model_name="deliverymethod",
            name="city",
        ),
    ]
