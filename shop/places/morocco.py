"""Morocco's regions, provinces and prefectures, with their names in Arabic,
French and English.

Typed from the official division of the Kingdom (decree 2-15-40 of
20 February 2015: 12 regions; 13 prefectures and 62 provinces), with the
ISO 3166-2:MA codes. The southern provinces are Morocco's, as on the
Kingdom's official map.

`towns` are localities of each province that the buyer's autocomplete can
tie to their province (the chief town first): picking one fills in the
province. Other localities come from geonames (see localities.py) and are
known by region only.
"""

from typing import NamedTuple

PREFECTURE = "prefecture"
PROVINCE = "province"


class Region(NamedTuple):
    code: str
    ar: str
    fr: str
    en: str


class Province(NamedTuple):
    code: str
    region: str
    kind: str
    ar: str
    fr: str
    en: str
    # (French, Arabic) names of localities of this province.
    towns: tuple[tuple[str, str], ...] = ()


REGIONS = (
    Region("MA-01", "طنجة تطوان الحسيمة", "Tanger-Tétouan-Al Hoceïma",
           "Tangier-Tetouan-Al Hoceima"),
    Region("MA-02", "الشرق", "L’Oriental", "Oriental"),
    Region("MA-03", "فاس مكناس", "Fès-Meknès", "Fez-Meknes"),
    Region("MA-04", "الرباط سلا القنيطرة", "Rabat-Salé-Kénitra",
           "Rabat-Sale-Kenitra"),
    Region("MA-05", "بني ملال خنيفرة", "Béni Mellal-Khénifra",
           "Beni Mellal-Khenifra"),
    Region("MA-06", "الدار البيضاء سطات", "Casablanca-Settat", "Casablanca-Settat"),
    Region("MA-07", "مراكش آسفي", "Marrakech-Safi", "Marrakesh-Safi"),
    Region("MA-08", "درعة تافيلالت", "Drâa-Tafilalet", "Draa-Tafilalet"),
    Region("MA-09", "سوس ماسة", "Souss-Massa", "Souss-Massa"),
    Region("MA-10", "كلميم واد نون", "Guelmim-Oued Noun", "Guelmim-Oued Noun"),
    Region("MA-11", "العيون الساقية الحمراء", "Laâyoune-Sakia El Hamra",
           "Laayoune-Sakia El Hamra"),
    Region("MA-12", "الداخلة وادي الذهب", "Dakhla-Oued Ed-Dahab",
           "Dakhla-Oued Ed-Dahab"),
)  # fmt: skip

P, PR = PROVINCE, PREFECTURE

PROVINCES = (
    # Tanger-Tétouan-Al Hoceïma
    Province("MA-TNG", "MA-01", PR, "طنجة أصيلة", "Tanger-Assilah", "Tangier-Assilah",
             (("Tanger", "طنجة"), ("Asilah", "أصيلة"))),
    Province("MA-MDF", "MA-01", PR, "المضيق الفنيدق", "M’diq-Fnideq", "M'diq-Fnideq",
             (("Mdiq", "المضيق"), ("Fnideq", "الفنيدق"), ("Martil", "مرتيل"))),
    Province("MA-TET", "MA-01", P, "تطوان", "Tétouan", "Tetouan",
             (("Tétouan", "تطوان"), ("Oued Laou", "واد لاو"))),
    Province("MA-FAH", "MA-01", P, "الفحص أنجرة", "Fahs-Anjra", "Fahs-Anjra",
             (("Ksar Sghir", "القصر الصغير"),)),
    Province("MA-LAR", "MA-01", P, "العرائش", "Larache", "Larache",
             (("Larache", "العرائش"), ("Ksar El Kebir", "القصر الكبير"))),
    Province("MA-HOC", "MA-01", P, "الحسيمة", "Al Hoceïma", "Al Hoceima",
             (("Al Hoceïma", "الحسيمة"), ("Imzouren", "إمزورن"),
              ("Targuist", "تارجيست"), ("Bni Bouayach", "بني بوعياش"))),
    Province("MA-CHE", "MA-01", P, "شفشاون", "Chefchaouen", "Chefchaouen",
             (("Chefchaouen", "شفشاون"), ("Bab Taza", "باب تازة"))),
    Province("MA-OUZ", "MA-01", P, "وزان", "Ouezzane", "Ouezzane",
             (("Ouezzane", "وزان"),)),
    # L'Oriental
    Province("MA-OUJ", "MA-02", PR, "وجدة أنجاد", "Oujda-Angad", "Oujda-Angad",
             (("Oujda", "وجدة"),)),
    Province("MA-NAD", "MA-02", P, "الناظور", "Nador", "Nador",
             (("Nador", "الناظور"), ("Beni Enzar", "بني انصار"), ("Zaïo", "زايو"),
              ("Selouane", "سلوان"), ("Al Aaroui", "العروي"))),
    Province("MA-DRI", "MA-02", P, "الدريوش", "Driouch", "Driouch",
             (("Driouch", "الدريوش"), ("Midar", "ميضار"))),
    Province("MA-JRA", "MA-02", P, "جرادة", "Jerada", "Jerada",
             (("Jerada", "جرادة"), ("Aïn Beni Mathar", "عين بني مطهر"),
              ("Touissite", "تويسيت"))),
    Province("MA-BER", "MA-02", P, "بركان", "Berkane", "Berkane",
             (("Berkane", "بركان"), ("Saidia", "السعيدية"), ("Ahfir", "أحفير"))),
    Province("MA-TAI", "MA-02", P, "تاوريرت", "Taourirt", "Taourirt",
             (("Taourirt", "تاوريرت"), ("El Aïoun", "العيون الشرقية"),
              ("Debdou", "دبدو"))),
    Province("MA-GUF", "MA-02", P, "جرسيف", "Guercif", "Guercif",
             (("Guercif", "جرسيف"),)),
    Province("MA-FIG", "MA-02", P, "فجيج", "Figuig", "Figuig",
             (("Bouarfa", "بوعرفة"), ("Figuig", "فجيج"))),
    # Fès-Meknès
    Province("MA-FES", "MA-03", PR, "فاس", "Fès", "Fez", (("Fès", "فاس"),)),
    Province("MA-MEK", "MA-03", PR, "مكناس", "Meknès", "Meknes",
             (("Meknès", "مكناس"), ("Moulay Driss Zerhoun", "مولاي إدريس زرهون"))),
    Province("MA-HAJ", "MA-03", P, "الحاجب", "El Hajeb", "El Hajeb",
             (("El Hajeb", "الحاجب"), ("Aïn Taoujdat", "عين تاوجطات"))),
    Province("MA-IFR", "MA-03", P, "إفران", "Ifrane", "Ifrane",
             (("Ifrane", "إفران"), ("Azrou", "أزرو"))),
    Province("MA-MOU", "MA-03", P, "مولاي يعقوب", "Moulay Yacoub", "Moulay Yacoub",
             (("Moulay Yacoub", "مولاي يعقوب"),)),
    Province("MA-SEF", "MA-03", P, "صفرو", "Sefrou", "Sefrou",
             (("Sefrou", "صفرو"), ("Bhalil", "البهاليل"),
              ("Imouzzer Kandar", "إيموزار كندر"))),
    Province("MA-BOM", "MA-03", P, "بولمان", "Boulemane", "Boulemane",
             (("Boulemane", "بولمان"), ("Missour", "ميسور"),
              ("Outat Oulad Al Haj", "أوطاط الحاج"))),
    Province("MA-TAO", "MA-03", P, "تاونات", "Taounate", "Taounate",
             (("Taounate", "تاونات"), ("Karia Ba Mohamed", "قرية با محمد"),
              ("Tissa", "تيسة"))),
    Province("MA-TAZ", "MA-03", P, "تازة", "Taza", "Taza",
             (("Taza", "تازة"), ("Tahla", "تاهلة"))),
    # Rabat-Salé-Kénitra
    Province("MA-RAB", "MA-04", PR, "الرباط", "Rabat", "Rabat", (("Rabat", "الرباط"),)),
    Province("MA-SAL", "MA-04", PR, "سلا", "Salé", "Sale", (("Salé", "سلا"),)),
    Province("MA-SKH", "MA-04", PR, "الصخيرات تمارة", "Skhirate-Témara",
             "Skhirate-Temara",
             (("Témara", "تمارة"), ("Skhirate", "الصخيرات"),
              ("Ain El Aouda", "عين عودة"), ("El Harhoura", "الهرهورة"))),
    Province("MA-KEN", "MA-04", P, "القنيطرة", "Kénitra", "Kenitra",
             (("Kénitra", "القنيطرة"), ("Mehdya", "المهدية"),
              ("Sidi Yahia El Gharb", "سيدي يحيى الغرب"))),
    Province("MA-KHE", "MA-04", P, "الخميسات", "Khémisset", "Khemisset",
             (("Khémisset", "الخميسات"), ("Tiflet", "تيفلت"),
              ("Rommani", "الرماني"), ("Oulmès", "والماس"))),
    Province("MA-SIK", "MA-04", P, "سيدي قاسم", "Sidi Kacem", "Sidi Kacem",
             (("Sidi Kacem", "سيدي قاسم"), ("Mechraa Bel Ksiri", "مشرع بلقصيري"))),
    Province("MA-SIL", "MA-04", P, "سيدي سليمان", "Sidi Slimane", "Sidi Slimane",
             (("Sidi Slimane", "سيدي سليمان"),)),
    # Béni Mellal-Khénifra
    Province("MA-BEM", "MA-05", P, "بني ملال", "Béni Mellal", "Beni Mellal",
             (("Béni Mellal", "بني ملال"), ("Kasba Tadla", "قصبة تادلة"),
              ("El Ksiba", "القصيبة"))),
    Province("MA-AZI", "MA-05", P, "أزيلال", "Azilal", "Azilal",
             (("Azilal", "أزيلال"), ("Demnate", "دمنات"))),
    Province("MA-FQH", "MA-05", P, "الفقيه بن صالح", "Fquih Ben Salah",
             "Fquih Ben Salah",
             (("Fquih Ben Salah", "الفقيه بن صالح"),
              ("Souq Sebt Oulad Nemma", "سوق السبت أولاد النمة"))),
    Province("MA-KHN", "MA-05", P, "خنيفرة", "Khénifra", "Khenifra",
             (("Khénifra", "خنيفرة"), ("Mrirt", "مريرت"))),
    Province("MA-KHO", "MA-05", P, "خريبكة", "Khouribga", "Khouribga",
             (("Khouribga", "خريبكة"), ("Oued Zem", "وادي زم"),
              ("Bejaâd", "أبي الجعد"))),
    # Casablanca-Settat
    Province("MA-CAS", "MA-06", PR, "الدار البيضاء", "Casablanca", "Casablanca",
             (("Casablanca", "الدار البيضاء"),)),
    Province("MA-MOH", "MA-06", PR, "المحمدية", "Mohammédia", "Mohammedia",
             (("Mohammédia", "المحمدية"), ("Aïn Harrouda", "عين حرودة"))),
    Province("MA-JDI", "MA-06", P, "الجديدة", "El Jadida", "El Jadida",
             (("El Jadida", "الجديدة"), ("Azemmour", "أزمور"))),
    Province("MA-NOU", "MA-06", P, "النواصر", "Nouaceur", "Nouaceur",
             (("Nouaceur", "النواصر"), ("Bouskoura", "بوسكورة"),
              ("Dar Bouazza", "دار بوعزة"))),
    Province("MA-MED", "MA-06", P, "مديونة", "Médiouna", "Mediouna",
             (("Mediouna", "مديونة"), ("Tit Mellil", "تيط مليل"))),
    Province("MA-BES", "MA-06", P, "بنسليمان", "Benslimane", "Benslimane",
             (("Benslimane", "بنسليمان"), ("Bouznika", "بوزنيقة"))),
    Province("MA-BRR", "MA-06", P, "برشيد", "Berrechid", "Berrechid",
             (("Berrechid", "برشيد"), ("Had Soualem", "حد السوالم"))),
    Province("MA-SET", "MA-06", P, "سطات", "Settat", "Settat",
             (("Settat", "سطات"), ("Ben Ahmed", "ابن أحمد"))),
    Province("MA-SIB", "MA-06", P, "سيدي بنور", "Sidi Bennour", "Sidi Bennour",
             (("Sidi Bennour", "سيدي بنور"), ("Zemamra", "الزمامرة"))),
    # Marrakech-Safi
    Province("MA-MAR", "MA-07", PR, "مراكش", "Marrakech", "Marrakesh",
             (("Marrakech", "مراكش"),)),
    Province("MA-CHI", "MA-07", P, "شيشاوة", "Chichaoua", "Chichaoua",
             (("Chichaoua", "شيشاوة"), ("Imi-n-Tanout", "إيمنتانوت"))),
    Province("MA-HAO", "MA-07", P, "الحوز", "Al Haouz", "Al Haouz",
             (("Tahannout", "تحناوت"), ("Amizmiz", "أمزميز"),
              ("Ait Ourir", "آيت أورير"), ("Asni", "أسني"))),
    Province("MA-KES", "MA-07", P, "قلعة السراغنة", "El Kelâa des Sraghna",
             "El Kelaa des Sraghna",
             (("El Kelâa des Sraghna", "قلعة السراغنة"), ("Tamallalt", "تملالت"))),
    Province("MA-ESI", "MA-07", P, "الصويرة", "Essaouira", "Essaouira",
             (("Essaouira", "الصويرة"),)),
    Province("MA-REH", "MA-07", P, "الرحامنة", "Rehamna", "Rehamna",
             (("Ben Guerir", "ابن جرير"),)),
    Province("MA-SAF", "MA-07", P, "آسفي", "Safi", "Safi", (("Safi", "آسفي"),)),
    Province("MA-YUS", "MA-07", P, "اليوسفية", "Youssoufia", "Youssoufia",
             (("Youssoufia", "اليوسفية"),)),
    # Drâa-Tafilalet
    Province("MA-ERR", "MA-08", P, "الرشيدية", "Errachidia", "Errachidia",
             (("Errachidia", "الرشيدية"), ("Arfoud", "أرفود"),
              ("Rissani", "الريصاني"), ("Goulmima", "كلميمة"))),
    Province("MA-OUA", "MA-08", P, "ورزازات", "Ouarzazate", "Ouarzazate",
             (("Ouarzazate", "ورزازات"),)),
    Province("MA-MID", "MA-08", P, "ميدلت", "Midelt", "Midelt",
             (("Midelt", "ميدلت"), ("Imilchil", "إملشيل"))),
    Province("MA-TIN", "MA-08", P, "تنغير", "Tinghir", "Tinghir",
             (("Tinghir", "تنغير"), ("Kelaat Mgouna", "قلعة مكونة"),
              ("Boumalne Dades", "بومالن دادس"))),
    Province("MA-ZAG", "MA-08", P, "زاكورة", "Zagora", "Zagora",
             (("Zagora", "زاكورة"), ("Agdz", "أكدز"))),
    # Souss-Massa
    Province("MA-AGD", "MA-09", PR, "أكادير إداوتنان", "Agadir-Ida-Ou-Tanane",
             "Agadir-Ida-Ou-Tanane", (("Agadir", "أكادير"),)),
    Province("MA-INE", "MA-09", PR, "إنزكان آيت ملول", "Inezgane-Aït Melloul",
             "Inezgane-Ait Melloul",
             (("Inezgane", "إنزكان"), ("Ait Melloul", "آيت ملول"),
              ("Dcheira El Jihadia", "الدشيرة الجهادية"))),
    Province("MA-CHT", "MA-09", P, "اشتوكة آيت باها", "Chtouka-Aït Baha",
             "Chtouka-Ait Baha", (("Biougra", "بيوكرى"), ("Aït Baha", "آيت باها"))),
    Province("MA-TAR", "MA-09", P, "تارودانت", "Taroudant", "Taroudant",
             (("Taroudant", "تارودانت"), ("Oulad Teïma", "أولاد تايمة"))),
    Province("MA-TIZ", "MA-09", P, "تيزنيت", "Tiznit", "Tiznit",
             (("Tiznit", "تيزنيت"), ("Tafraout", "تافراوت"))),
    Province("MA-TAT", "MA-09", P, "طاطا", "Tata", "Tata",
             (("Tata", "طاطا"), ("Akka", "أقا"))),
    # Guelmim-Oued Noun
    Province("MA-GUE", "MA-10", P, "كلميم", "Guelmim", "Guelmim",
             (("Guelmim", "كلميم"), ("Bou Izakarn", "بويزكارن"))),
    Province("MA-ASZ", "MA-10", P, "أسا الزاك", "Assa-Zag", "Assa-Zag",
             (("Assa", "أسا"), ("Zag", "الزاك"))),
    Province("MA-TNT", "MA-10", P, "طانطان", "Tan-Tan", "Tan-Tan",
             (("Tan-Tan", "طانطان"), ("El Ouatia", "الوطية"))),
    Province("MA-SIF", "MA-10", P, "سيدي إفني", "Sidi Ifni", "Sidi Ifni",
             (("Sidi Ifni", "سيدي إفني"), ("Mirleft", "ميرلفت"))),
    # Laâyoune-Sakia El Hamra
    Province("MA-LAA", "MA-11", P, "العيون", "Laâyoune", "Laayoune",
             (("Laâyoune", "العيون"), ("El Marsa", "المرسى"))),
    Province("MA-BOD", "MA-11", P, "بوجدور", "Boujdour", "Boujdour",
             (("Boujdour", "بوجدور"),)),
    Province("MA-TAF", "MA-11", P, "طرفاية", "Tarfaya", "Tarfaya",
             (("Tarfaya", "طرفاية"), ("Tah", "الطاح"))),
    Province("MA-ESM", "MA-11", P, "السمارة", "Es-Semara", "Es-Semara",
             (("Smara", "السمارة"),)),
    # Dakhla-Oued Ed-Dahab
    Province("MA-OUD", "MA-12", P, "وادي الذهب", "Oued Ed-Dahab", "Oued Ed-Dahab",
             (("Dakhla", "الداخلة"), ("Bir Anzarane", "بئر أنزران"))),
    Province("MA-AOU", "MA-12", P, "أوسرد", "Aousserd", "Aousserd",
             (("Aousserd", "أوسرد"), ("Bir Gandouz", "بئر كندوز"))),
)  # fmt: skip

# English names of towns where English does not simply drop the accents.
TOWN_ENGLISH = {"Tanger": "Tangier", "Fès": "Fez", "Marrakech": "Marrakesh"}

# Where geonames' first-level code is out of date or missing, by geonames id:
# Midelt province moved to Drâa-Tafilalet and Sidi Ifni to Guelmim-Oued Noun
# in 2015; geonames files the southern provinces' localities under a
# separate code with no region, so each one kept is given its region here.
REGION_FIXES = {
    "2542227": "MA-08",  # Midelt
    "2554281": "MA-08",  # Boumia
    "2545346": "MA-08",  # Itzer
    "2534515": "MA-10",  # Sidi Ifni
    "13608358": "MA-11",  # Tah
    "2462881": "MA-11",  # Laâyoune
    "2461993": "MA-11",  # El Marsa
    "8504646": "MA-11",  # Foum el Oued
    "2462900": "MA-11",  # Dchira
    "9645564": "MA-11",  # Daoura
    "2463090": "MA-11",  # Bou Craa
    "2463029": "MA-11",  # Boujdour
    "2463447": "MA-12",  # Dakhla
    "2462879": "MA-12",  # El Argoub
    "2463113": "MA-12",  # Bir Anzarane
    "2463112": "MA-12",  # Bir Gandouz
    "2461677": "MA-12",  # Tichla
}
