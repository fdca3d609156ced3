# ruff: noqa: E501
"""Trilingual demo content for the Tadamon storefront (ar, fr, en).

Pure data: cooperatives and their products, news stories, standard pages and
the home page. Every text value is a dict with the keys "ar", "fr" and "en".
Dates are given in days relative to today; prices in centimes of MAD; weights
are gross shipping weights in grams.
"""

_AZILAL = {"ar": "أزيلال", "fr": "Azilal", "en": "Azilal"}

COOPERATIVES = [
    {
        "slug": "tifawin-demnate",
        "name": {
            "ar": "تعاونية تيفاوين",
            "fr": "Coopérative Tifawin",
            "en": "Tifawin Cooperative",
        },
        "legal_form": "cooperative",
        "registration_number": "AZ-2008-012",
        "province": _AZILAL,
        "commune": {"ar": "دمنات", "fr": "Demnate", "en": "Demnate"},
        "founded": 2008,
        "members": 24,
        "women_members": 24,
        "phone": "+212 6 61 42 17 35",
        "email": "contact@tifawin-demnate.coop.ma",
        "categories": ["honey", "herbs"],
        "summary": {
            "ar": "أربع وعشرون امرأة من تلال دمنات يربّين النحل على الزعتر البري ويجفّفن في الظل الأعشاب التي يقطفنها بأيديهن.",
            "fr": "Vingt-quatre femmes des collines de Demnate qui élèvent des abeilles sur le thym sauvage et font sécher à l'ombre les plantes qu'elles cueillent.",
            "en": "Twenty-four women in the hills around Demnate who keep bees on wild thyme and dry the herbs they gather in the shade.",
        },
        "story": {
            "ar": [
                "في سنة 2008، قررت ثماني نساء من دواوير ضواحي دمنات أن يجمعن الخلايا التقليدية القليلة التي ورثنها، وهي خلايا من جذوع الأشجار والقصب كانت تُوضع عند جدران البيوت. وقد وفّر لهن فصلٌ لمحو الأمية تنظمه جمعية محلية مكانًا للقاء، ثم جاءت دورة تكوينية حول الخلايا العصرية نظمتها المديرية الإقليمية للفلاحة لتوحي إليهن بفكرة تأسيس تعاونية. كانت السنوات الأولى صعبة: ففي ربيع 2010 الجاف نفق نصف الطوائف، وكان العسل المتبقي يُباع على قارعة الطريق للمسافرين بالثمن الذي يعرضونه.",
                "تضم التعاونية اليوم أربعًا وعشرين عضوة ونحو 260 خلية. في أبريل تُنقل الخلايا على ظهور البغال وفي شاحنة مكتراة إلى منحدرات الزعتر الواقعة بين 1400 و1900 متر، ثم تعود إلى الأسفل في أواخر الصيف. يُستخلص العسل دون تسخين في قاعة مشتركة، ويُصفّى ويُترك ليستقر قبل تعبئته. وإلى جانب النحل، تقطف العضوات الزعتر والأوريغانو البريين ويجففنهما في الظل على رفوف من القصب حتى تحتفظ الأوراق بلونها وزيوتها. وتُسجَّل كل دفعة في سجل خاص كما ينص على ذلك دفتر التحملات الخاص بالتعاونية.",
                "منذ توقيع الشراكة مع المؤسسة، لم تعد تيفاوين مضطرة إلى البحث عن مشترٍ لكل مرطبان على حدة. فعسلها يُباع اليوم في المتجر التضامني بالدار البيضاء وعبر الموقع، في مرطبانات وملصقات مشتركة مع تعاونيات أخرى، مما خفّض كلفة التلفيف بنحو الثلث. وتُنقل الشحنات مؤمَّنة، وتتوصل التعاونية كل شهر بكشف يبيّن كل عملية بيع. وبفضل أول دخل منتظم، انخرطت العضوات في التغطية الصحية، وبدأت ثلاث من أصغرهن سنًّا تكوينًا ليصبحن مربيات نحل مستقلات.",
            ],
            "fr": [
                "En 2008, huit femmes des douars voisins de Demnate ont mis en commun les quelques ruches traditionnelles dont elles avaient hérité : des troncs creux et des ruches en roseau adossées aux murs des maisons. Un cours d'alphabétisation animé par une association locale leur offrait un lieu de rencontre ; une formation aux ruches modernes, proposée par la direction provinciale de l'agriculture, leur a donné l'idée de fonder une coopérative. Les débuts ont été difficiles : le printemps sec de 2010 a fait périr la moitié des colonies, et le miel restant se vendait au bord de la route, au prix que voulaient bien en donner les voyageurs.",
                "La coopérative compte aujourd'hui vingt-quatre membres et environ 260 ruches. En avril, les ruches montent à dos de mulet et dans un camion de location jusqu'aux pentes de thym situées entre 1 400 et 1 900 mètres, puis redescendent à la fin de l'été. Le miel est extrait à froid dans une salle commune, filtré puis laissé à décanter avant la mise en pot. À côté des abeilles, les membres cueillent le thym et l'origan sauvages, qu'elles font sécher à l'ombre sur des claies de roseau pour que les feuilles gardent leur couleur et leurs huiles. Chaque lot est consigné dans un registre, comme l'exige le cahier des charges de la coopérative.",
                "Depuis la signature du partenariat avec la fondation, Tifawin n'a plus à chercher un acheteur pour chaque pot. Son miel est vendu à la boutique solidaire de Casablanca et en ligne, dans des pots et sous des étiquettes mutualisés avec d'autres coopératives, ce qui a réduit le coût de l'emballage de près d'un tiers. Les envois voyagent assurés, et la coopérative reçoit chaque mois un relevé détaillant chaque vente. Grâce à ce premier revenu régulier, les membres ont adhéré à une couverture maladie, et trois des plus jeunes se forment pour devenir apicultrices à part entière.",
            ],
            "en": [
                "In 2008, eight women from the douars around Demnate pooled the few traditional hives they had inherited: hollow logs and reed hives kept against the walls of their houses. A literacy class run by a local association gave them a place to meet, and a course on modern hives offered by the provincial agriculture office gave them the idea of forming a cooperative. The first years were hard. A dry spring in 2010 killed half the colonies, and the honey that remained was sold by the roadside to passing travellers, at whatever price they offered.",
                "Today the cooperative has twenty-four members and about 260 hives. In April the hives are carried by mule and in a hired truck up to the thyme slopes between 1,400 and 1,900 metres, then brought back down at the end of summer. The honey is extracted cold in a shared room, strained and left to settle before it is put in jars. Alongside the bees, members gather wild thyme and oregano, which they dry in the shade on reed racks so that the leaves keep their colour and oils. Every batch is entered in a register, as the cooperative's specification book requires.",
                "Since signing with the foundation, Tifawin no longer has to find a buyer for each jar. Its honey is sold in the solidarity store in Casablanca and online, in jars and under labels shared with other cooperatives, which has cut the cost of packaging by nearly a third. Shipments travel insured, and every month the cooperative receives a statement listing each sale. With their first regular income, the members have joined a health insurance scheme, and three of the youngest are training to become beekeepers in their own right.",
            ],
        },
        "quote": {
            "text": {
                "ar": "كنا نبيع عسلنا لكل من يتوقف على جانب الطريق. أما اليوم فكل مرطبان يغادر دمنات واسم تعاونيتنا على ملصقه.",
                "fr": "Avant, nous vendions notre miel à qui s'arrêtait au bord de la route. Aujourd'hui, chaque pot quitte Demnate avec notre nom sur l'étiquette.",
                "en": "We used to sell our honey to whoever stopped by the road. Today every jar leaves Demnate with our name on the label.",
            },
            "author": "Fatima Ait Ouahmane",
            "role": {"ar": "الرئيسة", "fr": "Présidente", "en": "President"},
        },
        "key_facts": [
            {
                "label": {"ar": "عدد الخلايا", "fr": "Ruches", "en": "Hives"},
                "value": {"ar": "260", "fr": "260", "en": "260"},
            },
            {
                "label": {
                    "ar": "ارتفاع المناحل",
                    "fr": "Altitude des ruchers",
                    "en": "Apiary altitude",
                },
                "value": {
                    "ar": "1400 – 1900 م",
                    "fr": "1 400 – 1 900 m",
                    "en": "1,400–1,900 m",
                },
            },
            {
                "label": {
                    "ar": "جني عسل الزعتر",
                    "fr": "Récolte du miel de thym",
                    "en": "Thyme honey harvest",
                },
                "value": {
                    "ar": "يونيو – يوليوز",
                    "fr": "juin – juillet",
                    "en": "June – July",
                },
            },
        ],
        "color": "#c8902e",
        "certifications": [
            {
                "kind": "onssa",
                "issuer": "ONSSA",
                "number": "AS-AZ-2016-0412",
                "valid_from_days": -1150,
                "valid_until_days": 410,
            },
            {
                "kind": "spec_book",
                "issuer": "Fondation Tadamon",
                "number": "CDC-MIEL-TIF-01",
                "valid_from_days": -380,
                "valid_until_days": 350,
            },
        ],
        "products": [
            {
                "slug": "tifawin-wild-thyme-honey",
                "category": "honey",
                "name": {
                    "ar": "عسل الزعتر البري",
                    "fr": "Miel de thym sauvage",
                    "en": "Wild thyme honey",
                },
                "description": {
                    "ar": "عسل كهرماني داكن من خلايا منصوبة على منحدرات الزعتر فوق دمنات. مذاقه قوي بلمسة دوائية خفيفة، ويتبلور تبلورًا ناعمًا بعد بضعة أشهر. يُستخلص على البارد ولا يُسخَّن أبدًا.",
                    "fr": "Miel ambré foncé, issu de ruches installées sur les pentes de thym au-dessus de Demnate. Son goût est puissant, légèrement médicinal, et il cristallise finement au bout de quelques mois. Extrait à froid, jamais chauffé.",
                    "en": "Dark amber honey from hives set on the thyme slopes above Demnate. It has a strong, slightly medicinal taste and crystallises finely after a few months. Extracted cold and never heated.",
                },
                "how_to_use": {
                    "ar": "يُتناول بالملعقة أو يُضاف إلى منقوع دافئ غير مغلي أو يُدهن على الخبز. التبلور أمر طبيعي، ويكفي وضع المرطبان في ماء دافئ ليلين.",
                    "fr": "À déguster à la cuillère, dans une tisane tiède (pas bouillante) ou sur du pain. La cristallisation est naturelle : placez le pot au bain-marie tiède pour l'assouplir.",
                    "en": "Eat it by the spoonful, stir it into warm (not boiling) herbal tea or spread it on bread. Crystallisation is natural: stand the jar in warm water to soften it.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "TIF-THYM-250",
                        "label": {"ar": "250 غ", "fr": "250 g", "en": "250 g"},
                        "price": 11500,
                        "weight": 420,
                        "stock": 34,
                    },
                    {
                        "sku": "TIF-THYM-500",
                        "label": {"ar": "500 غ", "fr": "500 g", "en": "500 g"},
                        "price": 21500,
                        "weight": 760,
                        "stock": 12,
                    },
                ],
            },
            {
                "slug": "tifawin-dried-wild-thyme",
                "category": "herbs",
                "name": {
                    "ar": "زعتر بري مجفف",
                    "fr": "Thym sauvage séché",
                    "en": "Dried wild thyme",
                },
                "description": {
                    "ar": "أوراق وقمم مزهرة من زعتر الأطلس (Thymus satureioides)، تُقطف في يونيو وتُجفف في الظل، ثم تُنقّى يدويًا من السيقان الخشبية.",
                    "fr": "Feuilles et sommités fleuries de Thymus satureioides, le thym des pentes de l'Atlas, cueillies en juin et séchées à l'ombre. Triées à la main pour retirer les tiges ligneuses.",
                    "en": "Leaves and flowering tops of Thymus satureioides, the thyme of the Atlas slopes, gathered in June and dried in the shade. Sorted by hand to remove the woody stems.",
                },
                "how_to_use": {
                    "ar": "تُنقع قرصة منه في ماء ساخن لمدة خمس دقائق، أو يُضاف إلى الطواجن والمشويات وزيت الزيتون.",
                    "fr": "Infusez une pincée cinq minutes dans de l'eau chaude, ou ajoutez-le aux tajines, aux grillades et à l'huile d'olive.",
                    "en": "Infuse a pinch in hot water for five minutes, or add it to tagines, grilled meat and olive oil.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "TIF-THYM-DRY-50",
                        "label": {"ar": "50 غ", "fr": "50 g", "en": "50 g"},
                        "price": 3000,
                        "weight": 70,
                        "stock": 41,
                    },
                ],
            },
        ],
    },
    {
        "slug": "tafsut-ait-bouguemez",
        "name": {
            "ar": "تعاونية تافسوت",
            "fr": "Coopérative Tafsut",
            "en": "Tafsut Cooperative",
        },
        "legal_form": "cooperative",
        "registration_number": "AZ-2012-027",
        "province": _AZILAL,
        "commune": {
            "ar": "تابانت (آيت بوكماز)",
            "fr": "Tabant (Aït Bouguemez)",
            "en": "Tabant (Ait Bouguemez)",
        },
        "founded": 2012,
        "members": 31,
        "women_members": 31,
        "phone": "+212 6 70 18 93 24",
        "email": "contact@tafsut-ait-bouguemez.coop.ma",
        "categories": ["herbs", "honey"],
        "summary": {
            "ar": "إحدى وثلاثون امرأة من وادي آيت بوكماز يقطفن أعشاب الجبل على ارتفاع يفوق 1800 متر ويربّين النحل بين أشجار الجوز.",
            "fr": "Trente et une femmes de la vallée des Aït Bouguemez qui cueillent les plantes de montagne au-dessus de 1 800 mètres et élèvent des abeilles parmi les noyers.",
            "en": "Thirty-one women of the Ait Bouguemez valley who gather mountain herbs above 1,800 metres and keep bees among the walnut trees.",
        },
        "story": {
            "ar": [
                "يقع وادي آيت بوكماز على ارتفاع يتجاوز 1800 متر، وفي أغلب فصول الشتاء تُغلق الثلوج ممراته لأسابيع عدة. وقد دأبت نساء تابانت والقرى المجاورة على قطف الزعتر والمريمية والفليو من السفوح، لحاجة البيت وللسوق الأسبوعي. وفي سنة 2012، وبدعم من برنامج للتنمية القروية، أسست ثلاثون منهن تعاونية تافسوت، أي «الربيع» بالأمازيغية، لبيع ما يقطفنه تحت اسم واحد بدل أن تساوم كل واحدة منهن وحدها التجار القادمين من السهل.",
                "يتبع القطف تعاقب الفصول: المريمية والفليو في ماي، والزعتر في يونيو ويوليوز حين تكون النباتات مزهرة. ولا تقطع العضوات إلا الجزء العلوي من كل نبتة، ويتركن نبتة من كل ثلاث دون مساس، وهي قاعدة أُدرجت في دفتر التحملات بعد أن نبّهت مصالح المياه والغابات إلى خطر الاستغلال المفرط. تجفّ الأعشاب في الظل داخل مخزن جماعي قديم أعارته الجماعة، ثم تُفرز يدويًا وتوزن في أكياس. أما خلايا التعاونية الخمسون، المنصوبة بين أشجار الجوز والتفاح، فتعطي محصولًا صغيرًا من عسل الجبل في آخر الصيف.",
                "كان البيع في الماضي يعني يومًا كاملًا من السفر نزولًا إلى بني ملال. أما اليوم فتنطلق الأعشاب مرة في الشهر نحو الدار البيضاء مع شحنات تعاونيات أزيلال الأخرى، في نقل مؤمَّن تتقاسم التعاونيات كلفته. وقد ساعدت المؤسسة على تصميم كيس من ورق الكرافت قابل لإعادة التدوير، وموّلت تحليلًا مخبريًا لبقايا المبيدات يشترطه عدد من المشترين. وتتقاضى العضوات كل شهر مقابل ما بيع، وقد خصصت التعاونية أول فائض لها لشراء رفوف تجفيف بشباك دقيقة تقي الأعشاب من الغبار والحشرات.",
            ],
            "fr": [
                "La vallée des Aït Bouguemez s'étend au-dessus de 1 800 mètres, et la plupart des hivers la neige ferme les cols pendant plusieurs semaines. Les femmes de Tabant et des villages voisins ont toujours cueilli le thym, la sauge et la menthe pouliot sur les versants, pour la maison et pour le souk hebdomadaire. En 2012, avec l'appui d'un programme de développement rural, trente d'entre elles ont fondé Tafsut, « le printemps » en tamazight, afin de vendre leurs cueillettes sous un même nom au lieu de marchander chacune seule avec les négociants montés de la plaine.",
                "La cueillette suit les saisons : la sauge et la menthe pouliot en mai, le thym en juin et juillet, quand les plantes sont en fleur. Les membres ne coupent que la partie haute de chaque plante et laissent intacte une touffe sur trois, une règle inscrite dans leur cahier des charges après que le service des Eaux et Forêts a alerté sur la surexploitation. Les plantes sèchent à l'ombre dans un ancien grenier collectif prêté par la commune, puis sont triées à la main et pesées en sacs. Les cinquante ruches de la coopérative, installées parmi les noyers et les pommiers, donnent une petite récolte de miel de montagne à la fin de l'été.",
                "Vendre, autrefois, voulait dire une longue journée de route jusqu'à Béni Mellal. Désormais, les plantes partent une fois par mois pour Casablanca avec les envois des autres coopératives d'Azilal, dans un transport assuré dont le coût est partagé. La fondation a aidé à concevoir un sachet kraft recyclable et a financé une analyse de résidus de pesticides, exigée par plusieurs acheteurs. Les membres sont payées chaque mois pour ce qui a été vendu, et la coopérative a consacré son premier excédent à l'achat de claies à maille fine qui protègent les plantes de la poussière et des insectes.",
            ],
            "en": [
                "The Ait Bouguemez valley lies above 1,800 metres, and in most winters snow closes the passes for several weeks. The women of Tabant and the neighbouring villages have always gathered thyme, sage and pennyroyal on the slopes, for the household and for the weekly souk. In 2012, with the help of a rural development programme, thirty of them founded Tafsut, which means spring in Tamazight, so that they could sell what they gathered under one name instead of each haggling alone with the traders who came up from the plain.",
                "Gathering follows the seasons: sage and pennyroyal in May, thyme in June and July, when the plants are in flower. Members cut only the upper part of each plant and leave one tuft in three untouched, a rule written into their specification book after the forestry service warned of overharvesting. The herbs dry in the shade in an old collective granary lent by the commune, then are sorted by hand and weighed into bags. The cooperative's fifty hives stand among walnut and apple trees and give a small harvest of mountain honey at the end of summer.",
                "Selling used to mean a long day's journey down to Beni Mellal. Now the herbs leave once a month for Casablanca with the shipments of the other Azilal cooperatives, in insured transport whose cost is shared. The foundation helped design a recyclable kraft pouch and paid for a laboratory test for pesticide residues, which several buyers require. Members are paid every month for what has sold, and the cooperative spent its first surplus on drying frames with fine mesh that keep dust and insects off the herbs.",
            ],
        },
        "quote": {
            "text": {
                "ar": "الجبل يمنحنا الزعتر كل عام، شرط أن نترك له ما يكفي ليعود وينمو.",
                "fr": "La montagne nous donne du thym chaque année, à condition de lui en laisser assez pour repousser.",
                "en": "The mountain gives us thyme every year, as long as we leave it enough to grow back.",
            },
            "author": "Itto Ait Ali",
            "role": {"ar": "أمينة المال", "fr": "Trésorière", "en": "Treasurer"},
        },
        "key_facts": [
            {
                "label": {"ar": "الارتفاع", "fr": "Altitude", "en": "Altitude"},
                "value": {
                    "ar": "1800 – 2200 م",
                    "fr": "1 800 – 2 200 m",
                    "en": "1,800–2,200 m",
                },
            },
            {
                "label": {
                    "ar": "موسم القطف",
                    "fr": "Cueillette",
                    "en": "Gathering season",
                },
                "value": {
                    "ar": "ماي – يوليوز",
                    "fr": "mai – juillet",
                    "en": "May – July",
                },
            },
            {
                "label": {"ar": "عدد الخلايا", "fr": "Ruches", "en": "Hives"},
                "value": {"ar": "50", "fr": "50", "en": "50"},
            },
        ],
        "color": "#6e8b3d",
        "certifications": [
            {
                "kind": "onssa",
                "issuer": "ONSSA",
                "number": "AS-AZ-2018-0877",
                "valid_from_days": -700,
                "valid_until_days": 620,
            },
            {
                "kind": "organic",
                "issuer": "Ecocert",
                "number": "MA-BIO-154-2231",
                "valid_from_days": -500,
                "valid_until_days": 230,
            },
        ],
        "products": [
            {
                "slug": "tafsut-mountain-sage",
                "category": "herbs",
                "name": {
                    "ar": "مريمية جبلية",
                    "fr": "Sauge de montagne",
                    "en": "Mountain sage",
                },
                "description": {
                    "ar": "أوراق مريمية تُقطف في ماي من سفوح وادي آيت بوكماز وتُجفف في الظل. رائحتها ناعمة بنفحة كافورية، ويضيف المغاربة بضع أوراق منها إلى الشاي بالنعناع في فصل الشتاء.",
                    "fr": "Feuilles de sauge cueillies en mai sur les versants de la vallée des Aït Bouguemez et séchées à l'ombre. Arôme doux et légèrement camphré ; au Maroc, on en glisse quelques feuilles dans le thé à la menthe en hiver.",
                    "en": "Sage leaves gathered in May on the slopes of the Ait Bouguemez valley and dried in the shade. Soft, slightly camphor-like aroma; in Morocco a few leaves go into the mint tea in winter.",
                },
                "how_to_use": {
                    "ar": "تُضاف ثلاث أو أربع أوراق إلى إبريق الشاي، أو تُنقع قرصة منها وحدها لمدة خمس دقائق.",
                    "fr": "Ajoutez trois ou quatre feuilles dans la théière, ou infusez-en une pincée seule pendant cinq minutes.",
                    "en": "Add three or four leaves to the teapot, or infuse a pinch on its own for five minutes.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "TAF-SAUGE-40",
                        "label": {"ar": "40 غ", "fr": "40 g", "en": "40 g"},
                        "price": 3200,
                        "weight": 60,
                        "stock": 26,
                    },
                ],
            },
            {
                "slug": "tafsut-dried-pennyroyal",
                "category": "herbs",
                "name": {
                    "ar": "فليو مجفف",
                    "fr": "Menthe pouliot séchée",
                    "en": "Dried pennyroyal",
                },
                "description": {
                    "ar": "ينمو الفليو على ضفاف سواقي الوادي، ويُقطف في ماي قبل الإزهار. رائحته حادة منعشة، وهو من الأعشاب المفضلة في شاي الشتاء.",
                    "fr": "La menthe pouliot (fliyou) pousse le long des canaux d'irrigation de la vallée. Cueillie en mai avant la floraison, elle a un parfum vif et frais et accompagne volontiers le thé d'hiver.",
                    "en": "Pennyroyal (fliyou) grows along the irrigation channels of the valley. Gathered in May before it flowers, it has a sharp, fresh scent and is a winter favourite in tea.",
                },
                "how_to_use": {
                    "ar": "يكفي غصن صغير لكل إبريق. لا يُنصح به أثناء الحمل.",
                    "fr": "Un petit brin par théière suffit. Déconseillée pendant la grossesse.",
                    "en": "A small sprig per teapot is enough. Not recommended during pregnancy.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "TAF-FLIYOU-40",
                        "label": {"ar": "40 غ", "fr": "40 g", "en": "40 g"},
                        "price": 2800,
                        "weight": 60,
                        "stock": 0,
                    },
                ],
            },
            {
                "slug": "tafsut-mountain-wildflower-honey",
                "category": "honey",
                "name": {
                    "ar": "عسل الجبل متعدد الأزهار",
                    "fr": "Miel de montagne toutes fleurs",
                    "en": "Mountain wildflower honey",
                },
                "description": {
                    "ar": "محصول صغير من آخر الصيف، من خلايا منصوبة في بساتين الجوز والتفاح بالوادي. لونه كهرماني فاتح، ومذاقه زهري معتدل. الكميات محدودة.",
                    "fr": "Une petite récolte de fin d'été, issue de ruches installées dans les vergers de noyers et de pommiers de la vallée. Ambré clair, floral et doux. Quantités limitées.",
                    "en": "A small late-summer harvest from hives set in the walnut and apple orchards of the valley. Light amber, floral and mild. Quantities are limited.",
                },
                "how_to_use": {
                    "ar": "مثالي في وجبة الفطور، مع المسمن أو في الزبادي.",
                    "fr": "Idéal au petit-déjeuner, sur un msemen ou dans un yaourt.",
                    "en": "Ideal at breakfast, on msemen or stirred into yoghurt.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "TAF-MONT-250",
                        "label": {"ar": "250 غ", "fr": "250 g", "en": "250 g"},
                        "price": 9500,
                        "weight": 420,
                        "stock": 4,
                    },
                ],
            },
        ],
    },
    {
        "slug": "azir-ait-mhamed",
        "name": {
            "ar": "تعاونية أزير",
            "fr": "Coopérative Azir",
            "en": "Azir Cooperative",
        },
        "legal_form": "cooperative",
        "registration_number": "AZ-2015-044",
        "province": _AZILAL,
        "commune": {"ar": "آيت امحمد", "fr": "Aït Mhamed", "en": "Ait Mhamed"},
        "founded": 2015,
        "members": 14,
        "women_members": 14,
        "phone": "+212 6 52 87 30 16",
        "email": "contact@azir-ait-mhamed.coop.ma",
        "categories": ["herbs", "cosmetics"],
        "summary": {
            "ar": "أربع عشرة امرأة من آيت امحمد يحصدن إكليل الجبل البري ويجففنه في الظل ويقطّرنه ماءً عطريًا.",
            "fr": "Quatorze femmes d'Aït Mhamed qui récoltent le romarin sauvage, le font sécher à l'ombre et le distillent en eau florale.",
            "en": "Fourteen women from Ait Mhamed who harvest wild rosemary, dry it in the shade and distil it into floral water.",
        },
        "story": {
            "ar": [
                "ينمو إكليل الجبل، أو «أزير» بالأمازيغية، بكثافة على المنحدرات الكلسية المحيطة بآيت امحمد، وظل لزمن طويل يُقطع أساسًا لإيقاد أفران الخبز. وفي سنة 2015، أسست أربع عشرة امرأة، غادر عدد منهن المدرسة مبكرًا، تعاونية لتحويله إلى مصدر دخل، وأطلقن عليها اسم النبتة نفسها. وقد أعارتهن جمعية نسائية بأزيلال قاعة لاجتماعاتهن الأولى، ورافقتهن في إجراءات التسجيل لدى مكتب تنمية التعاون. وكانت أول صفقة لهن أربعين حزمة من إكليل الجبل المجفف بعنها لعشّاب في بني ملال.",
                "يُحصد إكليل الجبل مرتين في السنة، في الربيع وفي أكتوبر، بالمناجل مع ترك القاعدة الخشبية حتى تنمو الشجيرة من جديد. يُفرش جزء من المحصول على أقمشة ليجف في الظل داخل غرفة جيدة التهوية، ويُنقل الباقي في اليوم نفسه إلى قطّارة نحاسية صغيرة اشتُريت مستعملة لإنتاج الماء العطري. تستغرق كل دفعة نحو أربع ساعات من التقطير، وتدوّن إحدى العضوات في دفتر وزن النباتات ومدة التقطير والكمية المحصل عليها. ويُترك الماء ليرتاح أسبوعين قبل تعبئته في القوارير.",
                "ساعد فريق المؤسسة التعاونية على إعداد أولى ملصقاتها، متضمنة قائمة المكونات وأرقام الدفعات المطلوبة في مستحضرات التجميل، وصار الماء العطري يُباع في متجر الدار البيضاء حيث يمكن للزبائن شمّه قبل الشراء. وقد انتهت صلاحية الشهادة البيولوجية في السنة الماضية حين حلّ موعد أداء رسوم التفتيش بعد موسم ضعيف، وأُدرج تجديدها في خطة الدعم لهذه السنة. وفي انتظار ذلك، تتوصل العضوات بحصتهن من كل عملية بيع عن طريق تحويل بنكي، وقد فتحت أربع منهن حسابًا بنكيًا لأول مرة.",
            ],
            "fr": [
                "Le romarin, azir en tamazight, couvre densément les pentes calcaires autour d'Aït Mhamed ; longtemps, on le coupait surtout pour chauffer les fours à pain. En 2015, quatorze femmes, dont plusieurs avaient quitté l'école tôt, ont fondé une coopérative pour en tirer un revenu et lui ont donné le nom de la plante. Une association féminine d'Azilal leur a prêté une salle pour leurs premières réunions et les a accompagnées dans l'immatriculation auprès de l'Office du développement de la coopération. Leur première vente : quarante bottes de romarin séché, cédées à un herboriste de Béni Mellal.",
                "Le romarin se coupe deux fois par an, au printemps et en octobre, à la faucille, en laissant la base ligneuse pour que l'arbuste repousse. Une partie de la récolte sèche à l'ombre sur des draps, dans une pièce bien aérée ; le reste part le jour même dans un petit alambic en cuivre acheté d'occasion, pour produire l'eau florale. Chaque charge distille environ quatre heures, et l'une des membres tient un cahier où sont notés le poids de plantes, la durée et le volume obtenu. L'eau repose deux semaines avant la mise en bouteille.",
                "L'équipe de la fondation a aidé la coopérative à préparer ses premières étiquettes, avec la liste des ingrédients et les numéros de lot exigés pour les produits cosmétiques, et l'eau florale se vend désormais à la boutique de Casablanca, où les clients peuvent la sentir avant d'acheter. Le certificat biologique a expiré l'an dernier, les frais d'inspection étant tombés après une mauvaise saison ; son renouvellement est inscrit au plan d'appui de cette année. En attendant, les membres reçoivent leur part de chaque vente par virement, et quatre d'entre elles ont ouvert un compte bancaire pour la première fois.",
            ],
            "en": [
                "Rosemary, azir in Tamazight, grows thick on the limestone slopes around Ait Mhamed, and for a long time it was cut mainly to fire bread ovens. In 2015 fourteen women, several of whom had left school early, formed a cooperative to earn an income from it and named it after the plant. A women's association in Azilal lent them a room for their first meetings and guided them through registration with the Office for the Development of Cooperation. Their first sale was forty bunches of dried rosemary to a herbalist in Beni Mellal.",
                "Rosemary is cut twice a year, in spring and in October, with sickles that leave the woody base so the bush grows back. Part of the harvest is spread on sheets to dry in a shaded, well-aired room; the rest goes the same day into a small copper still, bought second-hand, to make floral water. Each load distils for about four hours, and one member keeps a notebook recording the weight of plants, the time taken and the volume obtained. The water rests for two weeks before it is bottled.",
                "The foundation's team helped the cooperative prepare its first labels, with the ingredient list and batch numbers required for cosmetic products, and the floral water now sells in the Casablanca store, where customers can smell it before they buy. The organic certificate lapsed last year, when the inspection fee fell due after a poor season; its renewal is part of this year's support plan. Meanwhile, members receive their share of each sale by bank transfer, and four of them have opened a bank account for the first time.",
            ],
        },
        "quote": {
            "text": {
                "ar": "كان إكليل الجبل هنا مجرد حطب، واليوم صار يؤدي ثمن الكتب المدرسية لبناتنا.",
                "fr": "Ici, le romarin servait de bois de chauffe. Aujourd'hui, il paie les livres scolaires de nos filles.",
                "en": "Here rosemary was firewood. Today it pays for our daughters' school books.",
            },
            "author": "Khadija Oumansour",
            "role": {"ar": "الرئيسة", "fr": "Présidente", "en": "President"},
        },
        "key_facts": [
            {
                "label": {
                    "ar": "مساحة القطف",
                    "fr": "Surface de cueillette",
                    "en": "Gathering area",
                },
                "value": {"ar": "120 هكتارًا", "fr": "120 ha", "en": "120 ha"},
            },
            {
                "label": {"ar": "مواسم الحصاد", "fr": "Récoltes", "en": "Harvests"},
                "value": {
                    "ar": "أبريل – ماي، أكتوبر",
                    "fr": "avril – mai, octobre",
                    "en": "April – May, October",
                },
            },
            {
                "label": {
                    "ar": "مدة التقطير",
                    "fr": "Distillation",
                    "en": "Distillation",
                },
                "value": {
                    "ar": "4 ساعات لكل دفعة",
                    "fr": "4 h par charge",
                    "en": "4 hours per load",
                },
            },
        ],
        "color": "#4f7a5a",
        "certifications": [
            {
                "kind": "organic",
                "issuer": "Ecocert",
                "number": "MA-BIO-154-1987",
                "valid_from_days": -800,
                "valid_until_days": -75,
            },
            {
                "kind": "onssa",
                "issuer": "ONSSA",
                "number": "AS-AZ-2017-0533",
                "valid_from_days": -600,
                "valid_until_days": 540,
            },
        ],
        "products": [
            {
                "slug": "azir-dried-rosemary",
                "category": "herbs",
                "name": {
                    "ar": "إكليل الجبل المجفف",
                    "fr": "Romarin séché",
                    "en": "Dried rosemary",
                },
                "description": {
                    "ar": "أوراق إكليل الجبل من الشجيرات البرية بآيت امحمد، مجففة في الظل ومنزوعة عن السيقان. رائحتها راتنجية واضحة، وهي أقوى من إكليل الجبل المزروع.",
                    "fr": "Aiguilles de romarin des touffes sauvages d'Aït Mhamed, séchées à l'ombre et égrappées. Résineux et franc, plus puissant que le romarin cultivé.",
                    "en": "Rosemary needles from the wild bushes of Ait Mhamed, dried in the shade and stripped from the stems. Resinous and bright, and stronger than cultivated rosemary.",
                },
                "how_to_use": {
                    "ar": "يُستعمل مع البطاطس المحمّرة ولحم الخروف وعجين الخبز، أو يُنقع منه ملعقة صغيرة لمدة عشر دقائق.",
                    "fr": "Avec des pommes de terre rôties, l'agneau ou la pâte à pain, ou en infusion : une cuillère à café pendant dix minutes.",
                    "en": "Use with roast potatoes, lamb or bread dough, or infuse a teaspoon for ten minutes.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "AZR-ROMA-50",
                        "label": {"ar": "50 غ", "fr": "50 g", "en": "50 g"},
                        "price": 2500,
                        "weight": 70,
                        "stock": 38,
                    },
                ],
            },
            {
                "slug": "azir-rosemary-floral-water",
                "category": "cosmetics",
                "name": {
                    "ar": "ماء إكليل الجبل العطري",
                    "fr": "Eau florale de romarin",
                    "en": "Rosemary floral water",
                },
                "description": {
                    "ar": "الماء المحصل عليه من تقطير إكليل الجبل الطري بالبخار، دون أي إضافة. يُترك ليرتاح أسبوعين ثم يُعبأ في زجاج كهرماني.",
                    "fr": "L'eau recueillie lors de la distillation à la vapeur du romarin frais, sans aucun ajout. Reposée deux semaines et conditionnée en verre ambré.",
                    "en": "The water collected from steam distillation of fresh rosemary, with nothing added. Rested for two weeks and bottled in amber glass.",
                },
                "how_to_use": {
                    "ar": "يُرش على الوجه منشّطًا للبشرة أو على فروة الرأس بعد الغسل. يُحفظ في مكان بارد ويُستعمل خلال ستة أشهر من فتحه.",
                    "fr": "En lotion tonique sur le visage ou sur le cuir chevelu après le lavage. À conserver au frais et à utiliser dans les six mois après ouverture.",
                    "en": "Spray on the face as a toner or on the scalp after washing. Keep cool and use within six months of opening.",
                },
                "vat": "standard",
                "variants": [
                    {
                        "sku": "AZR-HYDRO-200",
                        "label": {"ar": "200 مل", "fr": "200 ml", "en": "200 ml"},
                        "price": 5500,
                        "weight": 330,
                        "stock": 15,
                    },
                ],
            },
        ],
    },
    {
        "slug": "aghbalou-ouaouizeght",
        "name": {
            "ar": "جمعية أغبالو لمربي النحل",
            "fr": "Association des apiculteurs Aghbalou",
            "en": "Aghbalou Beekeepers' Association",
        },
        "legal_form": "association",
        "registration_number": "AZ-1999-003",
        "province": _AZILAL,
        "commune": {"ar": "واويزغت", "fr": "Ouaouizeght", "en": "Ouaouizeght"},
        "founded": 1999,
        "members": 46,
        "women_members": 17,
        "phone": "+212 6 66 05 48 92",
        "email": "contact@aghbalou-ouaouizeght.coop.ma",
        "categories": ["honey"],
        "summary": {
            "ar": "جمعية لمربي النحل بمحيط بحيرة بين الويدان، تنتج عسل الدغموس الحامل للبيان الجغرافي المحمي «تادلة أزيلال».",
            "fr": "Une association d'apiculteurs des environs du lac de Bin El Ouidane, qui produit le miel d'euphorbe IGP Tadla-Azilal.",
            "en": "A beekeepers' association around Lake Bin El Ouidane that produces Tadla-Azilal euphorbia honey, a protected geographical indication.",
        },
        "story": {
            "ar": [
                "تأسست جمعية أغبالو، أي «العين» بالأمازيغية، سنة 1999 على يد مربي نحل من القرى المحيطة بواويزغت وبحيرة بين الويدان. في ذلك الوقت كانت كل أسرة تبيع عسلها منفردة لتجار من بني ملال هم من يحددون الثمن. وقد مكّنت الجمعية أعضاءها من شراء علاجات الفاروا بشكل جماعي، واقتسام جهاز لاستخلاص العسل، والتفاوض بصوت واحد. والتحقت النساء بها تدريجيًا، في البداية أرامل تولّين خلايا أزواجهن، ثم بأسمائهن الخاصة، فأصبحن اليوم سبع عشرة من أصل ستة وأربعين عضوًا، وتجلس اثنتان منهن في مكتب الجمعية.",
                "مفخرة الجمعية هي عسل الدغموس. يصنعه النحل من أزهار الفربيون الراتنجي (Euphorbia resinifera)، وهو نبات شبيه بالصبار يُعرف محليًا باسم الدغموس، ينمو على المنحدرات الجافة بالمنطقة ويزهر في آخر الصيف. في غشت ينقل الأعضاء خلاياهم من مراعي الزعتر المرتفعة نحو نبات الدغموس، ويجنون العسل في شتنبر. لون هذا العسل كهرماني، وينتهي مذاقه بحرارة فلفلية تلسع الحلق. وقبل أن يدخل المخزون المشترك، تؤخذ عينة من عسل كل عضو وتُقاس رطوبتها، كما ينص على ذلك دفتر تحملات البيان الجغرافي المحمي «عسل الدغموس تادلة أزيلال».",
                "بفضل الشراكة مع المؤسسة، صارت الجمعية تبيع عسلها في متجر الدار البيضاء وفي المعارض، حيث يتذوقه الزوار قبل الشراء. وتحمل المرطبانات المشتركة، ذات الأغطية المحكمة ضد الفتح، رمزًا يتيح تتبع كل مرطبان إلى المنحل الذي جاء منه. كما وضع النقل المؤمَّن حدًا للمرطبانات المكسورة التي كانت تقتطع من الهامش. ويُخصَّص جزء من المداخيل لصندوق دوّار يُعير خلايا للأعضاء الشباب في بداية طريقهم، وقد استفادت منه ست شابات منذ انطلاق الشراكة.",
            ],
            "fr": [
                "Aghbalou, « la source » en tamazight, a été fondée en 1999 par des apiculteurs des villages voisins de Ouaouizeght et du lac de Bin El Ouidane. À l'époque, chaque famille vendait son miel seule à des négociants de Béni Mellal, qui fixaient le prix. L'association a permis d'acheter ensemble les traitements contre le varroa, de partager un extracteur et de négocier d'une seule voix. Les femmes l'ont rejointe peu à peu, d'abord des veuves qui reprenaient les ruches de leur mari, puis en leur nom propre : elles sont aujourd'hui dix-sept sur quarante-six membres, dont deux au bureau.",
                "La fierté de l'association est le miel d'euphorbe. Les abeilles le tirent des fleurs d'Euphorbia resinifera, une euphorbe à l'allure de cactus appelée ici daghmous, qui pousse sur les pentes sèches de la région et fleurit à la fin de l'été. En août, les membres descendent leurs ruches des pâturages de thym d'altitude vers les euphorbes, et récoltent en septembre. Le miel est ambré, avec une finale poivrée qui pique la gorge. Avant d'entrer dans le stock commun, le miel de chaque membre est échantillonné et son humidité mesurée, comme l'exige le cahier des charges de l'IGP Miel d'euphorbe Tadla-Azilal.",
                "Avec la fondation, l'association vend son miel à la boutique de Casablanca et dans les salons, où les visiteurs peuvent le goûter avant d'acheter. Les pots mutualisés, à couvercle inviolable, portent un code qui permet de remonter jusqu'au rucher. Le transport assuré a mis fin aux pots cassés qui grignotaient la marge. Une partie des recettes alimente un fonds renouvelable qui prête des ruches aux jeunes membres qui débutent ; six jeunes femmes en ont bénéficié depuis le début du partenariat.",
            ],
            "en": [
                "Aghbalou, the Tamazight word for a spring, was founded in 1999 by beekeepers from the villages around Ouaouizeght and Lake Bin El Ouidane. At the time each family sold its honey on its own to traders from Beni Mellal, who set the price. The association made it possible to buy varroa treatments together, share an extractor and negotiate with one voice. Women joined gradually, first widows taking over their husbands' hives, then in their own right: today seventeen of the forty-six members are women, and two of them sit on the board.",
                "The association's pride is euphorbia honey. Bees make it from the flowers of Euphorbia resinifera, a cactus-like spurge known locally as daghmous, which grows on the dry slopes of the region and flowers at the end of summer. In August members move their hives down from the high thyme pastures to the euphorbia, and harvest in September. The honey is amber, with a peppery finish that catches the throat. Before it enters the common stock, each member's honey is sampled and its moisture measured, as the specification for the Tadla-Azilal euphorbia honey PGI requires.",
                "With the foundation, the association sells its honey in the Casablanca store and at fairs, where visitors can taste it before they buy. The shared jars, with tamper-evident lids, carry a code that traces each one back to its apiary. Insured transport has put an end to the broken jars that used to eat into the margin. Part of the income goes into a revolving fund that lends hives to young members starting out; six young women have used it since the partnership began.",
            ],
        },
        "quote": {
            "text": {
                "ar": "عسل الدغموس يلسع الحلق قليلًا، وبذلك يُعرف العسل الأصيل.",
                "fr": "Le miel d'euphorbe pique un peu la gorge. C'est comme ça qu'on reconnaît le vrai.",
                "en": "Euphorbia honey stings the throat a little. That is how you know it is the real thing.",
            },
            "author": "Aïcha Bouzidi",
            "role": {
                "ar": "نائبة الرئيس",
                "fr": "Vice-présidente",
                "en": "Vice-president",
            },
        },
        "key_facts": [
            {
                "label": {"ar": "عدد الخلايا", "fr": "Ruches", "en": "Hives"},
                "value": {"ar": "1100", "fr": "1 100", "en": "1,100"},
            },
            {
                "label": {
                    "ar": "جني عسل الدغموس",
                    "fr": "Récolte de l'euphorbe",
                    "en": "Euphorbia harvest",
                },
                "value": {"ar": "شتنبر", "fr": "septembre", "en": "September"},
            },
            {
                "label": {"ar": "العلامة", "fr": "Label", "en": "Label"},
                "value": {
                    "ar": "بيان جغرافي محمي",
                    "fr": "IGP Tadla-Azilal",
                    "en": "PGI Tadla-Azilal",
                },
            },
        ],
        "color": "#9a6324",
        "certifications": [
            {
                "kind": "pgi",
                "issuer": "Ministère de l'Agriculture",
                "number": "IGP-MEU-TA-0117",
                "valid_from_days": -700,
                "valid_until_days": 880,
            },
            {
                "kind": "onssa",
                "issuer": "ONSSA",
                "number": "AS-AZ-2014-0198",
                "valid_from_days": -900,
                "valid_until_days": 300,
            },
        ],
        "products": [
            {
                "slug": "aghbalou-euphorbia-honey",
                "category": "honey",
                "name": {
                    "ar": "عسل الدغموس",
                    "fr": "Miel d'euphorbe IGP Tadla-Azilal",
                    "en": "Tadla-Azilal euphorbia honey (PGI)",
                },
                "description": {
                    "ar": "عسل كهرماني من أزهار الدغموس الذي ينمو على المنحدرات الجافة حول بحيرة بين الويدان، يحمل البيان الجغرافي المحمي «تادلة أزيلال». ينتهي مذاقه بحرارة فلفلية خفيفة. ويحمل كل مرطبان رمزًا يحيل على المنحل الذي جاء منه.",
                    "fr": "Miel ambré issu des fleurs de l'euphorbe résinifère qui pousse sur les pentes sèches autour du lac de Bin El Ouidane. Finale chaude, légèrement poivrée. Chaque pot porte un code qui renvoie à son rucher.",
                    "en": "Amber honey from the flowers of the resin spurge that grows on the dry slopes around Lake Bin El Ouidane. Warm, slightly peppery finish. Each jar carries a code that traces it to its apiary.",
                },
                "how_to_use": {
                    "ar": "يُتناول تقليديًا بالملعقة، وحده أو في حليب دافئ، عند حلول البرد.",
                    "fr": "Traditionnellement pris à la cuillère, nature ou dans du lait tiède, quand le temps se rafraîchit.",
                    "en": "Traditionally taken by the spoonful, on its own or in warm milk, when the weather turns cold.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "AGH-EUPH-250",
                        "label": {"ar": "250 غ", "fr": "250 g", "en": "250 g"},
                        "price": 9000,
                        "weight": 420,
                        "stock": 27,
                    },
                    {
                        "sku": "AGH-EUPH-500",
                        "label": {"ar": "500 غ", "fr": "500 g", "en": "500 g"},
                        "price": 16500,
                        "weight": 760,
                        "stock": 9,
                    },
                ],
            },
            {
                "slug": "aghbalou-bee-pollen",
                "category": "honey",
                "name": {
                    "ar": "حبوب اللقاح",
                    "fr": "Pollen de fleurs",
                    "en": "Bee pollen",
                },
                "description": {
                    "ar": "كريات حبوب اللقاح تُجمع عند مدخل الخلايا في الربيع، ثم تُجفف في درجة حرارة منخفضة وتُنقّى. ويعكس لون كل كرية الزهرة التي جاءت منها.",
                    "fr": "Pelotes de pollen récoltées à l'entrée des ruches au printemps, séchées à basse température puis triées. La couleur de chaque pelote reflète la fleur dont elle provient.",
                    "en": "Pollen pellets collected at the hive entrance in spring, dried at a low temperature and sorted. The colour of each pellet reflects the flower it came from.",
                },
                "how_to_use": {
                    "ar": "ملعقة صغيرة في اليوم، مع الزبادي أو العصير أو وحدها. لا يناسب الأشخاص الذين يعانون من حساسية حبوب اللقاح.",
                    "fr": "Une cuillère à café par jour, dans un yaourt, un jus ou nature. Déconseillé aux personnes allergiques au pollen.",
                    "en": "One teaspoon a day, in yoghurt, in juice or on its own. Not suitable for people with a pollen allergy.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "AGH-POLL-100",
                        "label": {"ar": "100 غ", "fr": "100 g", "en": "100 g"},
                        "price": 6500,
                        "weight": 190,
                        "stock": 2,
                    },
                ],
            },
        ],
    },
    {
        "slug": "tiwizi-tanant",
        "name": {
            "ar": "تعاونية تيويزي",
            "fr": "Coopérative Tiwizi",
            "en": "Tiwizi Cooperative",
        },
        "legal_form": "cooperative",
        "registration_number": "AZ-2011-019",
        "province": _AZILAL,
        "commune": {"ar": "تنانت", "fr": "Tanant", "en": "Tanant"},
        "founded": 2011,
        "members": 19,
        "women_members": 19,
        "phone": "+212 6 43 29 71 58",
        "email": "contact@tiwizi-tanant.coop.ma",
        "categories": ["food", "honey"],
        "summary": {
            "ar": "تسع عشرة امرأة من تنانت يفتلن الكسكس يدويًا من قمح المنطقة وشعيرها، ويجنين قليلًا من عسل السدر في السهل.",
            "fr": "Dix-neuf femmes de Tanant qui roulent à la main le couscous de blé et d'orge du pays, et récoltent un peu de miel de jujubier dans la plaine.",
            "en": "Nineteen women in Tanant who hand-roll couscous from local wheat and barley and harvest a little jujube honey in the plain.",
        },
        "story": {
            "ar": [
                "بدأت تعاونية تيويزي، واسمها مشتق من «تويزة» أي العمل الذي ينجزه الجيران معًا، بالكسكس. ففي سنة 2011 قررت تسع عشرة امرأة من تنانت بيع الكسكس المفتول يدويًا الذي اعتدن إعداده للأعراس وللأقارب المقيمين في الخارج. كانت لديهن المهارة والوصفات، لكن كان ينقصهن مشغل نظيف. فموّلت منحة أولى تبليط الجدران وطاولة من الفولاذ المقاوم للصدأ وكسكاسًا كبيرًا، وجلبت النساء غرابيلهن والقصاع الخشبية الواسعة التي يُفتل فيها الكسكس.",
                "بعد حصاد يونيو، تشتري التعاونية القمح الصلب والشعير من فلاحي ضواحي تنانت، وتنقّيهما يدويًا ثم تطحنهما في مطحنة قريبة. تُفتل السميدة بقليل من الماء المملح، وتُطهى على البخار، ثم تُجفف على أقمشة قطنية تحت ناموسية رقيقة، قبل أن تُغربل إلى حبات رقيقة ومتوسطة. وتربي بعض العضوات النحل أيضًا في السهل الممتد أسفل القرية، حيث تزهر شجيرات السدر البرية في مطلع الصيف. وهذا العسل نادر: ففي بعض السنوات لا تعطي الخلية الواحدة سوى بضعة كيلوغرامات، ويُجنى في يوليوز.",
                "جلبت الشراكة مع المؤسسة للتعاونية أولى طلبياتها المنتظمة من الدار البيضاء، حيث وجد كسكس الشعير زبائن أوفياء. وقد موّلت المؤسسة التحاليل الغذائية المطبوعة على الملصقات الجديدة، وساعدت المشغل على الاستعداد لعمليات تفتيش المكتب الوطني للسلامة الصحية للمنتجات الغذائية. ويحل موعد تجديد ترخيصه الصحي هذا الشهر، وقد حُدّد موعد زيارة التفتيش مسبقًا. وتستفيد العضوات الآن من التغطية الصحية، ويتقاضين كل شهر مقابل ما بيع بدل انتظار سوق آخر الموسم.",
            ],
            "fr": [
                "Tiwizi, le mot amazigh qui désigne le travail que les voisins accomplissent ensemble, a commencé par le couscous. En 2011, dix-neuf femmes de Tanant ont décidé de vendre le couscous roulé à la main qu'elles préparaient depuis toujours pour les mariages et pour la famille installée à l'étranger. Elles avaient le savoir-faire et les recettes ; il leur manquait un atelier propre. Une première subvention a financé le carrelage, une table en inox et un grand couscoussier, et les femmes ont apporté leurs tamis et les larges plats en bois dans lesquels on roule la semoule.",
                "Après la moisson de juin, la coopérative achète le blé dur et l'orge aux agriculteurs des environs, les nettoie à la main et les fait moudre dans un moulin voisin. La semoule est roulée avec un peu d'eau salée, cuite à la vapeur, séchée sur des draps de coton sous une fine moustiquaire, puis tamisée en grains fins et moyens. Quelques membres élèvent aussi des abeilles dans la plaine en contrebas du village, où les jujubiers sauvages, appelés sedra, fleurissent au début de l'été. Ce miel est rare : certaines années, chaque ruche n'en donne que quelques kilos, récoltés en juillet.",
                "Le partenariat avec la fondation a apporté à la coopérative ses premières commandes régulières de Casablanca, où le couscous d'orge a trouvé une clientèle fidèle. La fondation a financé les analyses nutritionnelles imprimées sur les nouvelles étiquettes et aidé l'atelier à se préparer aux inspections de l'ONSSA. Son autorisation sanitaire arrive à échéance ce mois-ci, et la visite d'inspection est déjà programmée. Les membres bénéficient désormais d'une couverture maladie et sont payées chaque mois pour ce qui a été vendu, au lieu d'attendre la foire de fin de saison.",
            ],
            "en": [
                "Tiwizi, the Amazigh word for work that neighbours do together, began with couscous. In 2011 nineteen women from Tanant decided to sell the hand-rolled couscous they had always made for weddings and for relatives living abroad. They had the skill and the recipes; what they lacked was a clean workshop. A first grant paid for tiled walls, a stainless-steel table and a large steamer, and the women brought their own sieves and the wide wooden bowls in which couscous is rolled.",
                "After the June harvest the cooperative buys durum wheat and barley from farmers around Tanant, cleans the grain by hand and has it ground at a nearby mill. The semolina is rolled with a little salted water, steamed, dried on cotton sheets under fine netting, then sieved into fine and medium grains. A few members also keep bees in the plain below the village, where wild jujube bushes, known as sedra, flower in early summer. That honey is rare: in some years each hive yields only a few kilograms, harvested in July.",
                "The partnership with the foundation brought the cooperative its first regular orders from Casablanca, where the barley couscous has found loyal customers. The foundation paid for the nutritional analyses printed on the new labels and helped the workshop prepare for ONSSA inspections. Its sanitary authorisation comes up for renewal this month, and the inspection visit has already been scheduled. Members now have health coverage and are paid every month for what has sold, instead of waiting for the end-of-season fair.",
            ],
        },
        "quote": {
            "text": {
                "ar": "كل حبة تمر بين أيدينا. وحين يشتري أحدهم كسكسنا في الدار البيضاء، فهو يشتري وقتنا.",
                "fr": "Chaque grain passe entre nos mains. Quand quelqu'un achète notre couscous à Casablanca, il achète notre temps.",
                "en": "Every grain passes through our hands. When someone in Casablanca buys our couscous, they are buying our time.",
            },
            "author": "Zineb Ait Taleb",
            "role": {
                "ar": "مسؤولة المشغل",
                "fr": "Responsable de l'atelier",
                "en": "Workshop manager",
            },
        },
        "key_facts": [
            {
                "label": {
                    "ar": "الإنتاج الشهري",
                    "fr": "Production mensuelle",
                    "en": "Monthly output",
                },
                "value": {
                    "ar": "حوالي 600 كلغ",
                    "fr": "environ 600 kg",
                    "en": "about 600 kg",
                },
            },
            {
                "label": {"ar": "الحبوب", "fr": "Céréales", "en": "Grains"},
                "value": {
                    "ar": "قمح صلب وشعير محليان",
                    "fr": "blé dur et orge locaux",
                    "en": "local durum wheat and barley",
                },
            },
            {
                "label": {
                    "ar": "جني عسل السدر",
                    "fr": "Miel de jujubier",
                    "en": "Jujube honey harvest",
                },
                "value": {"ar": "يوليوز", "fr": "juillet", "en": "July"},
            },
        ],
        "color": "#b5833f",
        "certifications": [
            {
                "kind": "onssa",
                "issuer": "ONSSA",
                "number": "AS-AZ-2013-0261",
                "valid_from_days": -1090,
                "valid_until_days": 12,
            },
        ],
        "products": [
            {
                "slug": "tiwizi-barley-couscous",
                "category": "food",
                "name": {
                    "ar": "كسكس الشعير (بلبولة)",
                    "fr": "Couscous d'orge (belboula)",
                    "en": "Barley couscous (belboula)",
                },
                "description": {
                    "ar": "كسكس مفتول يدويًا من شعير مزروع في ضواحي تنانت، مطهو على البخار ومجفف في الظل. نكهته تذكّر بالبندق وفيها شيء من طابع البادية، وهو أغنى بالألياف من كسكس القمح.",
                    "fr": "Couscous roulé à la main à partir d'orge cultivée autour de Tanant, cuit à la vapeur et séché à l'ombre. Goût de noisette, un peu rustique, plus riche en fibres que le couscous de blé.",
                    "en": "Hand-rolled couscous made from barley grown around Tanant, steamed and dried in the shade. Nutty and a little rustic, with more fibre than wheat couscous.",
                },
                "how_to_use": {
                    "ar": "يُطهى على البخار مرتين أو ثلاثًا، مع فركه بقليل من الزيت أو الزبدة بين كل مرة وأخرى. لذيذ مع اللبن أو مرق الخضر.",
                    "fr": "Cuire à la vapeur deux ou trois fois, en l'aérant avec un peu d'huile ou de beurre entre chaque passage. Délicieux avec du lben ou un bouillon de légumes.",
                    "en": "Steam it two or three times, working in a little oil or butter between steamings. Lovely with buttermilk or a vegetable broth.",
                },
                "vat": "reduced_10",
                "variants": [
                    {
                        "sku": "TIW-ORGE-1K",
                        "label": {"ar": "1 كلغ", "fr": "1 kg", "en": "1 kg"},
                        "price": 4500,
                        "weight": 1030,
                        "stock": 22,
                    },
                ],
            },
            {
                "slug": "tiwizi-durum-wheat-couscous",
                "category": "food",
                "name": {
                    "ar": "كسكس القمح الصلب المفتول يدويًا",
                    "fr": "Couscous de blé dur roulé main",
                    "en": "Hand-rolled durum wheat couscous",
                },
                "description": {
                    "ar": "كسكس متوسط الحبة من القمح الصلب المحلي، يُفتل ويُطهى على البخار ويُجفف على دفعات صغيرة. يحافظ على تماسكه ويتشرب المرق دون أن يتعجّن.",
                    "fr": "Couscous à grain moyen de blé dur local, roulé, cuit à la vapeur et séché par petits lots. Il se tient bien et absorbe la sauce sans devenir pâteux.",
                    "en": "Medium-grain couscous from local durum wheat, rolled, steamed and dried in small batches. It holds its shape and soaks up the broth without turning mushy.",
                },
                "how_to_use": {
                    "ar": "يُطهى على البخار ثلاث مرات لإعداد كسكس الجمعة بالخضر السبع.",
                    "fr": "Comptez trois passages à la vapeur pour un couscous du vendredi aux sept légumes.",
                    "en": "Allow three steamings for a Friday couscous with seven vegetables.",
                },
                "vat": "reduced_10",
                "variants": [
                    {
                        "sku": "TIW-BLE-1K",
                        "label": {"ar": "1 كلغ", "fr": "1 kg", "en": "1 kg"},
                        "price": 4000,
                        "weight": 1030,
                        "stock": 30,
                    },
                    {
                        "sku": "TIW-BLE-2K",
                        "label": {"ar": "2 كلغ", "fr": "2 kg", "en": "2 kg"},
                        "price": 7600,
                        "weight": 2050,
                        "stock": 11,
                    },
                ],
            },
            {
                "slug": "tiwizi-jujube-honey",
                "category": "honey",
                "name": {
                    "ar": "عسل السدر",
                    "fr": "Miel de jujubier (sidr)",
                    "en": "Jujube (sidr) honey",
                },
                "description": {
                    "ar": "عسل نادر من شجيرات السدر البرية في السهل أسفل تنانت، يُجنى في يوليوز. داكن كثيف بنفحات الكراميل ومذاق يدوم طويلًا. لا يتجاوز إنتاجه بضع عشرات من المرطبانات في السنة.",
                    "fr": "Un miel rare, issu des jujubiers sauvages de la plaine en contrebas de Tanant et récolté en juillet. Sombre, épais, aux notes de caramel et à la longue finale. Quelques dizaines de pots par an seulement.",
                    "en": "A rare honey from the wild jujube bushes of the plain below Tanant, harvested in July. Dark and thick, with notes of caramel and a long finish. Only a few dozen jars a year.",
                },
                "how_to_use": {
                    "ar": "يُستحسن تذوقه وحده، ملعقة بعد أخرى.",
                    "fr": "À savourer nature, une cuillère à la fois.",
                    "en": "Best enjoyed on its own, a spoonful at a time.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "TIW-SIDR-250",
                        "label": {"ar": "250 غ", "fr": "250 g", "en": "250 g"},
                        "price": 14000,
                        "weight": 420,
                        "stock": 3,
                    },
                ],
            },
        ],
    },
    {
        "slug": "tamount-bzou",
        "name": {
            "ar": "تعاونية تامونت",
            "fr": "Coopérative Tamount",
            "en": "Tamount Cooperative",
        },
        "legal_form": "cooperative",
        "registration_number": "AZ-2016-051",
        "province": _AZILAL,
        "commune": {"ar": "بزو", "fr": "Bzou", "en": "Bzou"},
        "founded": 2016,
        "members": 11,
        "women_members": 11,
        "phone": "+212 6 77 14 62 03",
        "email": "contact@tamount-bzou.coop.ma",
        "categories": ["honey", "herbs"],
        "summary": {
            "ar": "إحدى عشرة امرأة من بزو ينقلن خلاياهن كل ربيع إلى بساتين البرتقال في سهل تادلة، ويزرعن اللويزة في حدائقهن.",
            "fr": "Onze femmes de Bzou qui descendent leurs ruches dans les orangeraies de la plaine du Tadla chaque printemps et cultivent la verveine dans leurs jardins.",
            "en": "Eleven women in Bzou who take their hives down to the orange groves of the Tadla plain each spring and grow lemon verbena in their gardens.",
        },
        "story": {
            "ar": [
                "تقع بزو حيث تلتقي سفوح الأطلس بسهل تادلة، وسط حقول الزيتون، وتمتد في الأسفل بساتين الحوامض. وهناك أسست إحدى عشرة امرأة، ينحدر أغلبهن من أسر فلاحين صغار، تعاونية تامونت، أي «الاتحاد»، سنة 2016، بعد دورة تكوينية في تربية النحل نظمتها المديرية الإقليمية للفلاحة. بدأت كل واحدة منهن بخمس خلايا موّلتها المبادرة الوطنية للتنمية البشرية، وعلّمهن الموسم الأول أكثر مما علّمتهن الدورة: فقد هجرت طائفتان خليتيهما، وهلكت ثالثة بسبب الدبابير، أما العسل الذي جنينه فقد أُكل في البيت.",
                "في مطلع شهر مارس من كل عام، تُنقل الخلايا إلى بساتين البرتقال في السهل، بموافقة الفلاحين الذين يرحبون بالنحل لأنه يلقّح أشجارهم. ولا تضع النساء خلاياهن إلا في البساتين التي يلتزم أصحابها بعدم رش المبيدات أثناء الإزهار، وهو شرط مكتوب في عقد بسيط. يُجنى عسل زهر البرتقال في أواخر أبريل، ثم تعود الخلايا إلى تلال بزو لبقية السنة. وتزرع العضوات أيضًا اللويزة في حدائقهن، فيقطعنها في الصيف ويجففنها في الظل حزمًا معلقة بالسقف.",
                "بفضل المؤسسة، وجد عسل زهر البرتقال لدى تامونت، وهو من أفتح أنواع العسل لونًا وألطفها مذاقًا، مكانه على رفوف الدار البيضاء حيث تُقبل عليه الأسر. وقد أجرت المؤسسة تحليلًا لحبوب اللقاح أكد الأصل الزهري المذكور على الملصق، ويُنقل العسل في المرطبانات المشتركة نفسها وضمن الشحنات المؤمَّنة ذاتها مع عسل التعاونيات الأخرى. وبفضل دخل منتظم، ارتفع عدد خلايا التعاونية إلى مئة وعشرين خلية، وصارت العضوات يساهمن في تأمين صحي.",
            ],
            "fr": [
                "Bzou se trouve là où les contreforts de l'Atlas rejoignent la plaine du Tadla, au milieu des oliveraies et, plus bas, des vergers d'agrumes. Onze femmes, pour la plupart issues de familles de petits agriculteurs, y ont fondé Tamount, « l'union », en 2016, après une formation apicole organisée par la direction provinciale de l'agriculture. Chacune a commencé avec cinq ruches financées par l'Initiative nationale pour le développement humain, et la première saison leur en a appris plus que la formation : deux colonies ont essaimé, une autre a succombé aux guêpes, et le peu de miel récolté a été mangé à la maison.",
                "Chaque année, début mars, les ruches descendent dans les orangeraies de la plaine, avec l'accord des producteurs, qui accueillent volontiers les abeilles pour la pollinisation. Les femmes n'installent leurs ruches que dans les vergers dont le propriétaire s'engage à ne pas traiter pendant la floraison, une condition inscrite dans un contrat simple. Le miel de fleur d'oranger est récolté fin avril, puis les ruches remontent sur les collines de Bzou pour le reste de l'année. Dans leurs jardins, les membres cultivent aussi la verveine, qu'elles coupent en été et font sécher à l'ombre, en bouquets suspendus au plafond.",
                "Grâce à la fondation, le miel de fleur d'oranger de Tamount, l'un des plus clairs et des plus doux, a trouvé sa place dans les rayons de Casablanca, où les familles l'apprécient. La fondation a fait réaliser une analyse pollinique qui a confirmé l'origine florale indiquée sur l'étiquette, et le miel voyage dans les mêmes pots mutualisés et les mêmes envois assurés que celui des autres coopératives. Avec un revenu régulier, la coopérative est passée à cent vingt ruches, et les membres cotisent désormais à une assurance maladie.",
            ],
            "en": [
                "Bzou lies where the foothills of the Atlas meet the Tadla plain, among olive groves and, lower down, citrus orchards. Eleven women, most of them from smallholder families, founded Tamount, meaning union, in 2016 after a beekeeping course run by the provincial agriculture office. Each started with five hives funded by the National Initiative for Human Development, and the first season taught them more than the course had: two colonies swarmed, a third was lost to wasps, and what little honey they harvested was eaten at home.",
                "Every year in early March the hives go down to the orange groves of the plain, with the agreement of growers who welcome the bees for pollination. The women only place hives in orchards whose owners agree not to spray during flowering, a condition written into a simple contract. Orange blossom honey is harvested at the end of April, then the hives return to the hills of Bzou for the rest of the year. Members also grow lemon verbena in their gardens, cutting it in summer and drying it in the shade in bunches hung from the ceiling.",
                "Through the foundation, Tamount's orange blossom honey, one of the palest and mildest honeys, has found a place on the shelves in Casablanca, where families are fond of it. The foundation arranged a pollen analysis that confirmed the floral origin printed on the label, and the honey travels in the same shared jars and insured shipments as that of the other cooperatives. With a steady income, the cooperative has grown to a hundred and twenty hives, and the members now pay into a health insurance scheme.",
            ],
        },
        "quote": {
            "text": {
                "ar": "في البداية كان فلاحو البرتقال يتوجسون من نحلنا، أما الآن فيتصلون بنا في فبراير ليسألوا متى سنأتي.",
                "fr": "Au début, les producteurs d'oranges se méfiaient de nos abeilles. Maintenant, ils nous appellent en février pour savoir quand nous arrivons.",
                "en": "The orange growers were wary of our bees at first. Now they call us in February to ask when we are coming.",
            },
            "author": "Naima Boutaleb",
            "role": {"ar": "مربية نحل", "fr": "Apicultrice", "en": "Beekeeper"},
        },
        "key_facts": [
            {
                "label": {"ar": "عدد الخلايا", "fr": "Ruches", "en": "Hives"},
                "value": {"ar": "120", "fr": "120", "en": "120"},
            },
            {
                "label": {
                    "ar": "جني زهر البرتقال",
                    "fr": "Récolte fleur d'oranger",
                    "en": "Orange blossom harvest",
                },
                "value": {"ar": "أواخر أبريل", "fr": "fin avril", "en": "late April"},
            },
            {
                "label": {
                    "ar": "قطع اللويزة",
                    "fr": "Coupe de la verveine",
                    "en": "Verbena cutting",
                },
                "value": {
                    "ar": "يونيو – غشت",
                    "fr": "juin – août",
                    "en": "June – August",
                },
            },
        ],
        "color": "#e0a93b",
        "certifications": [
            {
                "kind": "onssa",
                "issuer": "ONSSA",
                "number": "AS-AZ-2019-0655",
                "valid_from_days": -420,
                "valid_until_days": 700,
            },
            {
                "kind": "spec_book",
                "issuer": "Fondation Tadamon",
                "number": "CDC-MIEL-TAM-02",
                "valid_from_days": -300,
                "valid_until_days": 430,
            },
        ],
        "products": [
            {
                "slug": "tamount-orange-blossom-honey",
                "category": "honey",
                "name": {
                    "ar": "عسل زهر البرتقال",
                    "fr": "Miel de fleur d'oranger",
                    "en": "Orange blossom honey",
                },
                "description": {
                    "ar": "عسل فاتح اللون بعبير رقيق، من خلايا توضع في بساتين البرتقال بسهل تادلة أثناء الإزهار. يتبلور بسرعة فيصير قوامه طريًا كريميًا. ويؤكد تحليل حبوب اللقاح أصله الزهري.",
                    "fr": "Miel clair au parfum délicat, issu de ruches placées dans les orangeraies de la plaine du Tadla pendant la floraison. Il cristallise vite en une texture tendre et crémeuse. Une analyse pollinique confirme son origine florale.",
                    "en": "Pale, delicately scented honey from hives placed in the orange groves of the Tadla plain during flowering. It crystallises quickly into a soft, creamy texture. A pollen analysis confirms its floral origin.",
                },
                "how_to_use": {
                    "ar": "يحبه الأطفال مع الخبز أو البغرير، كما يحلّي الشاي بالنعناع دون أن يطغى على نكهته.",
                    "fr": "Les enfants l'adorent sur le pain ou les crêpes ; il sucre aussi le thé à la menthe sans le masquer.",
                    "en": "Children love it on bread or pancakes; it also sweetens mint tea without masking it.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "TAM-ORAN-250",
                        "label": {"ar": "250 غ", "fr": "250 g", "en": "250 g"},
                        "price": 7500,
                        "weight": 420,
                        "stock": 45,
                    },
                    {
                        "sku": "TAM-ORAN-500",
                        "label": {"ar": "500 غ", "fr": "500 g", "en": "500 g"},
                        "price": 13500,
                        "weight": 760,
                        "stock": 20,
                    },
                ],
            },
            {
                "slug": "tamount-lemon-verbena",
                "category": "herbs",
                "name": {
                    "ar": "لويزة مجففة",
                    "fr": "Verveine odorante séchée",
                    "en": "Dried lemon verbena",
                },
                "description": {
                    "ar": "أوراق كاملة من اللويزة المزروعة في حدائق العضوات، تُقطع في الصيف وتُجفف حزمًا في الظل. رائحتها ليمونية منعشة.",
                    "fr": "Feuilles entières de verveine odorante cultivée dans les jardins des membres, coupées en été et séchées en bouquets à l'ombre. Parfum citronné et vif.",
                    "en": "Whole leaves of lemon verbena grown in the members' gardens, cut in summer and dried in bunches in the shade. Bright, lemony scent.",
                },
                "how_to_use": {
                    "ar": "تُنقع خمس أو ست أوراق لمدة خمس دقائق بعد العشاء، أو تُضاف بضع أوراق إلى الشاي بالنعناع.",
                    "fr": "Infusez cinq ou six feuilles pendant cinq minutes après le dîner, ou ajoutez-en quelques-unes au thé à la menthe.",
                    "en": "Infuse five or six leaves for five minutes after dinner, or add a few to mint tea.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "TAM-VERV-30",
                        "label": {"ar": "30 غ", "fr": "30 g", "en": "30 g"},
                        "price": 2800,
                        "weight": 55,
                        "stock": 33,
                    },
                ],
            },
        ],
    },
    {
        "slug": "asmun-foum-jemaa",
        "name": {
            "ar": "مجموعة أسمون ذات النفع الاقتصادي",
            "fr": "GIE Asmun",
            "en": "Asmun Economic Interest Group",
        },
        "legal_form": "eig",
        "registration_number": "AZ-2019-008",
        "province": _AZILAL,
        "commune": {"ar": "فم الجمعة", "fr": "Foum Jemaa", "en": "Foum Jemaa"},
        "founded": 2019,
        "members": 12,
        "women_members": 5,
        "phone": "+212 6 58 90 36 41",
        "email": "contact@asmun-foum-jemaa.coop.ma",
        "categories": ["herbs", "honey"],
        "summary": {
            "ar": "مجموعة ذات نفع اقتصادي تضم اثني عشر من جامعي الأعشاب ومربي النحل في فم الجمعة، يتقاسمون مجففًا وميزانًا وشاحنة صغيرة.",
            "fr": "Un groupement d'intérêt économique de douze cueilleurs et apiculteurs de Foum Jemaa, qui partagent un séchoir, une balance et une camionnette.",
            "en": "An economic interest group of twelve herb gatherers and beekeepers in Foum Jemaa who share a drying shed, a scale and a van.",
        },
        "story": {
            "ar": [
                "تجمع «أسمون»، أي «الرفيق» بالأمازيغية، اثني عشر منتجًا من الدواوير المحيطة بفم الجمعة عند سفح الأطلس: سبعة رجال وخمس نساء يجمعون الأعشاب البرية ويملك كل منهم بضع خلايا. كانوا فرادى أصغر من أن يقتنوا مجففًا لائقًا أو يوفروا الكميات التي يطلبها المشترون. وفي سنة 2019 أسسوا مجموعة ذات نفع اقتصادي، وهو شكل قانوني يتيح لكل عضو الاحتفاظ بأرضه وخلاياه مع تقاسم المعدات والبيع تحت اسم واحد. وقد ساعدهم مستشارو المؤسسة على صياغة النظام الأساسي.",
                "المنتج الرئيسي للمجموعة هو الأوريغانو البري (Origanum compactum) الذي يسميه المغاربة «الزعتر». يُقطف في يونيو ويوليوز وهو في أوج إزهاره، بموجب رخصة من إدارة المياه والغابات تحدد حصة سنوية. تجف السيقان في الظل داخل المجفف المشترك خلف شباك واقية من الحشرات، ثم تُدرس وتُغربل حتى لا يبقى سوى الأوراق والأزهار. وتُوزن كمية كل عضو وتُسجَّل عند تسليمها. أما مربو النحل في المجموعة فيجمعون عسل الربيع الذي يجنونه في ماي من خلايا منصوبة بين أزهار التلال.",
                "تمثل المؤسسة المنفذ الرئيسي لتسويق منتجات المجموعة: اتفاقية واحدة تشمل الأعضاء الاثني عشر، ويبيّن كل كشف شهري حصة كل عضو محسوبة على أساس الوزن الذي سلّمه. ويجري تقاسم التلفيف والنقل المؤمَّن مع تعاونيات أزيلال. أما العضوات الخمس، اللواتي لم يسبق لهن أن بعن شيئًا بأسمائهن، فيتقاضين مستحقاتهن مباشرة في حساباتهن الخاصة. وتخطط المجموعة الآن لإضافة غرفة تجفيف ثانية حتى لا ينتظر الأوريغانو والزعتر دورهما.",
            ],
            "fr": [
                "Asmun, « le compagnon » en tamazight, réunit douze producteurs des douars autour de Foum Jemaa, au pied de l'Atlas : sept hommes et cinq femmes qui cueillent des plantes sauvages et possèdent chacun quelques ruches. Seuls, ils étaient trop petits pour s'offrir un vrai séchoir ou fournir les volumes qu'un acheteur demande. En 2019, ils ont constitué un groupement d'intérêt économique, une forme juridique qui permet à chacun de garder ses terres et ses ruches tout en partageant l'équipement et en vendant sous un même nom. Les conseillers de la fondation les ont aidés à rédiger les statuts.",
                "Le produit phare du groupement est l'origan sauvage, Origanum compactum, que les Marocains appellent zaâtar. Il est cueilli en juin et juillet, en pleine floraison, sous un permis de l'administration des Eaux et Forêts qui fixe un quota annuel. Les tiges sèchent à l'ombre dans le séchoir commun, derrière des moustiquaires, puis sont battues et tamisées pour ne garder que les feuilles et les fleurs. La livraison de chaque membre est pesée et enregistrée. Les apiculteurs du groupe mettent en commun leur miel de printemps, récolté en mai sur des ruches installées dans les collines fleuries.",
                "Pour le groupement, la fondation est le principal débouché : une seule convention couvre les douze membres, et chaque relevé mensuel indique la part de chacun, calculée sur le poids livré. L'emballage et le transport assuré sont mutualisés avec les coopératives d'Azilal. Les cinq femmes du groupe, qui n'avaient jamais rien vendu en leur nom, sont payées directement sur leur propre compte. Le groupement prévoit maintenant une deuxième salle de séchage, pour que l'origan et le thym n'aient plus à attendre leur tour.",
            ],
            "en": [
                "Asmun, meaning companion in Tamazight, brings together twelve producers from the douars around Foum Jemaa, at the foot of the Atlas: seven men and five women who gather wild herbs and each keep a few hives. On their own they were too small to afford a proper drying shed or to supply the volumes a buyer asks for. In 2019 they formed an economic interest group, a legal form that lets each member keep their own land and hives while sharing equipment and selling under one name. The foundation's advisers helped them draft the statutes.",
                "The group's main product is wild oregano, Origanum compactum, which Moroccans call za'tar. It is gathered in June and July, in full flower, under a permit from the Water and Forests administration that sets a yearly quota. The stems dry in the shade in the shared shed, behind insect screens, then are threshed and sieved so that only the leaves and flowers remain. Each member's delivery is weighed and recorded. The beekeepers in the group pool their spring honey, harvested in May from hives set in the flowering hills.",
                "For the group, the foundation is the main outlet: a single agreement covers all twelve members, and each monthly statement shows every member's share, calculated on the weight delivered. Packaging and insured transport are shared with the Azilal cooperatives. The five women in the group, who had never sold anything in their own name, are paid directly into their own accounts. The group now plans a second drying room, so that oregano and thyme no longer have to wait their turn.",
            ],
        },
        "quote": {
            "text": {
                "ar": "لم يكن بمقدور أي واحد منا أن يبني المجفف وحده، أما معًا فنملؤه مرتين في السنة.",
                "fr": "Seul, aucun de nous n'aurait pu construire le séchoir. Ensemble, nous le remplissons deux fois par an.",
                "en": "None of us could have built the drying shed alone. Together, we fill it twice a year.",
            },
            "author": "Zahra Id Brahim",
            "role": {
                "ar": "منسقة المجموعة",
                "fr": "Coordinatrice",
                "en": "Coordinator",
            },
        },
        "key_facts": [
            {
                "label": {"ar": "الأعضاء", "fr": "Membres", "en": "Members"},
                "value": {
                    "ar": "7 رجال و5 نساء",
                    "fr": "7 hommes, 5 femmes",
                    "en": "7 men, 5 women",
                },
            },
            {
                "label": {
                    "ar": "قطف الأوريغانو",
                    "fr": "Cueillette de l'origan",
                    "en": "Oregano gathering",
                },
                "value": {
                    "ar": "يونيو – يوليوز",
                    "fr": "juin – juillet",
                    "en": "June – July",
                },
            },
            {
                "label": {
                    "ar": "المجفف المشترك",
                    "fr": "Séchoir commun",
                    "en": "Shared drying shed",
                },
                "value": {"ar": "90 م²", "fr": "90 m²", "en": "90 m²"},
            },
        ],
        "color": "#7a8f3a",
        "certifications": [
            {
                "kind": "spec_book",
                "issuer": "Fondation Tadamon",
                "number": "CDC-PAM-ASM-01",
                "valid_from_days": -250,
                "valid_until_days": 180,
            },
            {
                "kind": "onssa",
                "issuer": "ONSSA",
                "number": "AS-AZ-2020-0912",
                "valid_from_days": -380,
                "valid_until_days": 760,
            },
        ],
        "products": [
            {
                "slug": "asmun-wild-oregano",
                "category": "herbs",
                "name": {
                    "ar": "أوريغانو بري (زعتر)",
                    "fr": "Origan sauvage (zaâtar)",
                    "en": "Wild oregano (za'tar)",
                },
                "description": {
                    "ar": "أوراق وأزهار الأوريغانو البري (Origanum compactum) تُقطف من تلال فم الجمعة، وتُجفف في الظل ثم تُغربل. نكهته قوية حارة، تفوق بكثير الأوريغانو العادي.",
                    "fr": "Feuilles et fleurs d'Origanum compactum cueillies sur les collines de Foum Jemaa, séchées à l'ombre et tamisées. Intense et poivré, bien plus puissant que l'origan ordinaire.",
                    "en": "Leaves and flowers of Origanum compactum gathered on the hills around Foum Jemaa, dried in the shade and sieved. Intense and peppery, far stronger than common oregano.",
                },
                "how_to_use": {
                    "ar": "يُرش على الخبز بزيت الزيتون أو على الزيتون والسمك المشوي، أو تُنقع منه قرصة عند الإصابة بالزكام.",
                    "fr": "À parsemer sur le pain à l'huile d'olive, les olives ou le poisson grillé, ou en légère infusion en cas de rhume.",
                    "en": "Sprinkle on bread with olive oil, on olives or grilled fish, or infuse a pinch when you have a cold.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "ASM-ORIG-50",
                        "label": {"ar": "50 غ", "fr": "50 g", "en": "50 g"},
                        "price": 3500,
                        "weight": 70,
                        "stock": 40,
                    },
                    {
                        "sku": "ASM-ORIG-100",
                        "label": {"ar": "100 غ", "fr": "100 g", "en": "100 g"},
                        "price": 6500,
                        "weight": 130,
                        "stock": 14,
                    },
                ],
            },
            {
                "slug": "asmun-spring-wildflower-honey",
                "category": "honey",
                "name": {
                    "ar": "عسل الربيع متعدد الأزهار",
                    "fr": "Miel de printemps toutes fleurs",
                    "en": "Spring wildflower honey",
                },
                "description": {
                    "ar": "محصول ماي لمربي النحل في المجموعة، يُجمع معًا، من خلايا منصوبة في التلال المزهرة حول فم الجمعة. ذهبي اللون، عطر، ومذاقه محبب للجميع.",
                    "fr": "La récolte de mai des apiculteurs du groupement, mise en commun, issue de ruches posées dans les collines fleuries autour de Foum Jemaa. Doré, parfumé et facile à aimer.",
                    "en": "The pooled May harvest of the group's beekeepers, from hives set in the flowering hills around Foum Jemaa. Golden, fragrant and easy to like.",
                },
                "how_to_use": {
                    "ar": "عسل للاستعمال اليومي في الفطور والحلويات وتحلية الشاي.",
                    "fr": "Un miel de tous les jours, pour le petit-déjeuner, la pâtisserie ou pour sucrer le thé.",
                    "en": "An everyday honey for breakfast, baking and sweetening tea.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "ASM-PRIN-500",
                        "label": {"ar": "500 غ", "fr": "500 g", "en": "500 g"},
                        "price": 12000,
                        "weight": 760,
                        "stock": 18,
                    },
                ],
            },
        ],
    },
    {
        "slug": "izourane-azilal",
        "name": {
            "ar": "تعاونية إيزوران",
            "fr": "Coopérative Izourane",
            "en": "Izourane Cooperative",
        },
        "legal_form": "cooperative",
        "registration_number": "AZ-2013-033",
        "province": _AZILAL,
        "commune": _AZILAL,
        "founded": 2013,
        "members": 27,
        "women_members": 27,
        "phone": "+212 6 62 73 15 84",
        "email": "contact@izourane-azilal.coop.ma",
        "categories": ["herbs"],
        "summary": {
            "ar": "سبع وعشرون امرأة من أزيلال يقطفن ويمزجن الأعشاب التي يضيفها المغاربة إلى الشاي: الشيبة والمريمية والزعتر والفليو.",
            "fr": "Vingt-sept femmes d'Azilal qui cueillent et assemblent les herbes que les Marocains ajoutent à leur thé : absinthe, sauge, thym et menthe pouliot.",
            "en": "Twenty-seven women in Azilal who gather and blend the herbs Moroccans add to their tea: wormwood, sage, thyme and pennyroyal.",
        },
        "story": {
            "ar": [
                "ظلت النساء اللواتي أسسن تعاونية إيزوران، أي «الجذور» بالأمازيغية، يقطفن الأعشاب لسنوات من السفوح المحيطة بأزيلال ويبعنها بالكيس لعشّابي السوق، بأثمان لا تكاد تغطي يوم مشي واحد. وفي سنة 2013 سجلت سبع وعشرون منهن تعاونية ليتولين بأنفسهن فرز الأعشاب وتجفيفها وتلفيفها. وكانت إحداهن، مينة، قد اشتغلت سنوات طويلة عند عشّاب في بني ملال، فعلّمت رفيقاتها كيف يتعرفن على النباتات في المرحلة المناسبة، وكيف يتجنبن خلطها بأنواع شبيهة بها.",
                "لكل نبتة موسمها. فالشيبة تُقطع في أواخر الخريف وفي الشتاء، حين يضيفها المغاربة إلى الشاي لمقاومة البرد. أما المريمية والفليو فيُقطفان في الربيع، والزعتر في مطلع الصيف. وتُجفف كل نبتة على حدة في الظل، فوق رفوف مرتفعة داخل غرفة نوافذها مغطاة بالشباك، ثم تُفرز يدويًا. ويتبع خليط الشاي الخاص بالتعاونية وصفة محددة في دفتر التحملات، تبيّن نسبة كل عشبة بالوزن، حتى يكون لكل كيس المذاق نفسه من موسم إلى آخر.",
                "أدمجت المؤسسة التعاونية في منظومة التلفيف المشترك، فصارت الأعشاب تُعبأ في أكياس من ورق الكرافت قابلة لإعادة الإغلاق وذات نافذة، وعليها ملصقات بالعربية والفرنسية والإنجليزية. وقد عُدّل الخليط بعد جلسة تذوق مع زبائن متجر الدار البيضاء الذين وجدوا صيغته الأولى شديدة المرارة. وتمثل المبيعات عبر المؤسسة اليوم معظم مداخيل التعاونية، وتستفيد كل عضوة من التغطية الصحية. وتستعد التعاونية هذه السنة لتجديد ترخيصها الصحي لدى المكتب الوطني للسلامة الصحية للمنتجات الغذائية.",
            ],
            "fr": [
                "Pendant des années, les femmes qui ont fondé Izourane, « les racines » en tamazight, cueillaient des plantes sur les pentes autour d'Azilal et les vendaient au sac aux herboristes du souk, à des prix qui couvraient à peine une journée de marche. En 2013, vingt-sept d'entre elles ont immatriculé une coopérative pour trier, sécher et conditionner elles-mêmes leurs plantes. L'une d'elles, Mina, avait longtemps travaillé chez un herboriste de Béni Mellal ; elle a appris aux autres à reconnaître les plantes au bon stade et à ne pas y mêler d'espèces ressemblantes.",
                "Chaque plante a sa saison. L'absinthe, la chiba, se coupe à la fin de l'automne et en hiver, quand les Marocains en mettent dans le thé contre le froid. La sauge et la menthe pouliot se cueillent au printemps, le thym au début de l'été. Chaque plante sèche séparément à l'ombre, sur des claies surélevées, dans une pièce aux fenêtres grillagées, puis est triée à la main. Le mélange pour le thé suit une recette fixée dans le cahier des charges de la coopérative, avec la part de chaque plante au poids, pour que chaque sachet ait le même goût d'une saison à l'autre.",
                "La fondation a intégré la coopérative à l'emballage mutualisé : les plantes sont désormais conditionnées en sachets kraft refermables à fenêtre, étiquetés en arabe, en français et en anglais. Le mélange a été ajusté après une dégustation avec des clients de la boutique de Casablanca, qui trouvaient la première version trop amère. Les ventes par l'intermédiaire de la fondation représentent aujourd'hui l'essentiel des revenus de la coopérative, et chaque membre bénéficie d'une couverture maladie. La coopérative prépare cette année le renouvellement de son autorisation sanitaire auprès de l'ONSSA.",
            ],
            "en": [
                "For years the women who founded Izourane, roots in Tamazight, gathered herbs on the slopes around Azilal and sold them by the sack to the herbalists of the town souk, at prices that barely paid for a day's walk. In 2013 twenty-seven of them registered a cooperative so they could sort, dry and pack the herbs themselves. One of them, Mina, had worked for years in a herbalist's shop in Beni Mellal; she taught the others to recognise each plant at the right stage and to avoid mixing in look-alike species.",
                "Each plant has its season. Wormwood, chiba, is cut in late autumn and winter, when Moroccans add it to tea against the cold. Sage and pennyroyal are gathered in spring, thyme in early summer. Each plant is dried separately in the shade, on raised racks in a room with netting over the windows, then sorted by hand. The cooperative's tea blend follows a recipe set down in its specification book, with the share of each herb by weight, so that every pouch tastes the same from one season to the next.",
                "The foundation brought the cooperative into its shared packaging scheme: the herbs now go into resealable kraft pouches with a window, labelled in Arabic, French and English. The blend was adjusted after a tasting with customers of the Casablanca store, who found the first version too bitter. Sales through the foundation now make up most of the cooperative's income, and every member has health coverage. This year the cooperative is preparing to renew its sanitary authorisation with ONSSA.",
            ],
        },
        "quote": {
            "text": {
                "ar": "العشبة الجيدة تُقطف في وقتها. يوم واحد قبله أو بعده، والشاي يعرف ذلك.",
                "fr": "Une bonne plante se cueille au bon moment. Un jour trop tôt ou trop tard, et le thé le sait.",
                "en": "A good herb is picked at the right moment. A day too early or too late, and the tea knows it.",
            },
            "author": "Mina Ait Hammou",
            "role": {
                "ar": "مسؤولة الخلطات",
                "fr": "Responsable des mélanges",
                "en": "In charge of blends",
            },
        },
        "key_facts": [
            {
                "label": {
                    "ar": "النباتات المعالجة",
                    "fr": "Plantes travaillées",
                    "en": "Plants handled",
                },
                "value": {"ar": "9 أنواع", "fr": "9 espèces", "en": "9 species"},
            },
            {
                "label": {
                    "ar": "قطع الشيبة",
                    "fr": "Coupe de la chiba",
                    "en": "Wormwood cutting",
                },
                "value": {
                    "ar": "نونبر – فبراير",
                    "fr": "novembre – février",
                    "en": "November – February",
                },
            },
            {
                "label": {"ar": "التجفيف", "fr": "Séchage", "en": "Drying"},
                "value": {
                    "ar": "في الظل، من 10 إلى 15 يومًا",
                    "fr": "à l'ombre, 10 à 15 jours",
                    "en": "in the shade, 10–15 days",
                },
            },
        ],
        "color": "#5d7f4e",
        "certifications": [
            {
                "kind": "onssa",
                "issuer": "ONSSA",
                "number": "AS-AZ-2015-0307",
                "valid_from_days": -1000,
                "valid_until_days": 95,
            },
            {
                "kind": "spec_book",
                "issuer": "Fondation Tadamon",
                "number": "CDC-PAM-IZO-01",
                "valid_from_days": -330,
                "valid_until_days": 400,
            },
        ],
        "products": [
            {
                "slug": "izourane-atlas-tea-blend",
                "category": "herbs",
                "name": {
                    "ar": "خليط الأطلس للشاي",
                    "fr": "Mélange de l'Atlas pour le thé",
                    "en": "Atlas tea blend",
                },
                "description": {
                    "ar": "خليط من المريمية والزعتر والفليو يُضاف إلى الشاي الأخضر بالنعناع. وصفته محددة في دفتر تحملات التعاونية، وقد عُدّلت بعد جلسات تذوق في الدار البيضاء.",
                    "fr": "Un mélange de sauge, de thym et de menthe pouliot à ajouter au thé vert à la menthe. La recette est fixée dans le cahier des charges de la coopérative et a été ajustée après des dégustations à Casablanca.",
                    "en": "A blend of sage, thyme and pennyroyal to add to green tea with mint. The recipe is set down in the cooperative's specification book and was adjusted after tastings in Casablanca.",
                },
                "how_to_use": {
                    "ar": "تُضاف قرصة وافرة إلى الإبريق مع الشاي الأخضر والنعناع الطري.",
                    "fr": "Ajoutez une bonne pincée dans la théière avec le thé vert et la menthe fraîche.",
                    "en": "Add a generous pinch to the teapot with the green tea and fresh mint.",
                },
                "vat": "reduced_10",
                "variants": [
                    {
                        "sku": "IZO-MELA-60",
                        "label": {"ar": "60 غ", "fr": "60 g", "en": "60 g"},
                        "price": 3800,
                        "weight": 85,
                        "stock": 25,
                    },
                ],
            },
            {
                "slug": "izourane-dried-wormwood",
                "category": "herbs",
                "name": {
                    "ar": "شيبة مجففة",
                    "fr": "Absinthe (chiba) séchée",
                    "en": "Dried wormwood (chiba)",
                },
                "description": {
                    "ar": "أغصان من الشيبة تُقطع في الشتاء من سفوح أزيلال وتُجفف في الظل. شديدة المرارة وعطرة، وهي الإضافة التقليدية إلى الشاي المغربي بالنعناع في فصل الشتاء.",
                    "fr": "Brins d'absinthe coupés en hiver sur les pentes d'Azilal et séchés à l'ombre. Très amère et aromatique, c'est l'ajout traditionnel au thé à la menthe marocain en hiver.",
                    "en": "Sprigs of wormwood cut in winter on the slopes around Azilal and dried in the shade. Very bitter and aromatic, it is the traditional winter addition to Moroccan mint tea.",
                },
                "how_to_use": {
                    "ar": "يكفي غصن صغير واحد لكل إبريق. لا يُنصح بها للحوامل والأطفال الصغار.",
                    "fr": "Un petit brin par théière suffit largement. Déconseillée aux femmes enceintes et aux jeunes enfants.",
                    "en": "One small sprig per teapot is plenty. Not recommended for pregnant women or young children.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "IZO-CHIBA-40",
                        "label": {"ar": "40 غ", "fr": "40 g", "en": "40 g"},
                        "price": 2500,
                        "weight": 60,
                        "stock": 6,
                    },
                ],
            },
        ],
    },
    {
        "slug": "afoulki-taroudant",
        "name": {
            "ar": "تعاونية أفولكي",
            "fr": "Coopérative Afoulki",
            "en": "Afoulki Cooperative",
        },
        "legal_form": "cooperative",
        "registration_number": "TA-2004-041",
        "province": {"ar": "تارودانت", "fr": "Taroudant", "en": "Taroudant"},
        "commune": {"ar": "تيوت", "fr": "Tioute", "en": "Tioute"},
        "founded": 2004,
        "members": 58,
        "women_members": 58,
        "phone": "+212 6 68 31 09 57",
        "email": "contact@afoulki-taroudant.coop.ma",
        "categories": ["oils", "cosmetics", "food"],
        "summary": {
            "ar": "ثمانٍ وخمسون امرأة من غابة الأركان قرب تارودانت يكسرن الجوز يدويًا ويعصرن زيت الأركان الغذائي والتجميلي.",
            "fr": "Cinquante-huit femmes de l'arganeraie près de Taroudant qui concassent les noix à la main et pressent l'huile d'argane alimentaire et cosmétique.",
            "en": "Fifty-eight women in the argan forest near Taroudant who crack the nuts by hand and press culinary and cosmetic argan oil.",
        },
        "story": {
            "ar": [
                "تأسست تعاونية أفولكي، أي «الجميلة» بالأمازيغية، سنة 2004 على يد نساء من تيوت، وهي قرية واحية على تخوم غابة الأركان جنوب شرق تارودانت. قبل ذلك كن يكسرن جوز الأركان في بيوتهن لفائدة وسطاء يدفعون الأجر حسب كيلوغرام اللوز، ثم يبيعون الزيت في أماكن أخرى تحت علاماتهم الخاصة. وكان تأسيس التعاونية يعني أن يعصرن الزيت بأنفسهن ويحتفظن بقيمته المضافة. وقّعت عشرون امرأة على النظام الأساسي، ثم انتشر الخبر في الدواوير المجاورة، فصار عدد العضوات اليوم ثمانيًا وخمسين.",
                "تُجمع الثمار من الأرض بين يونيو وغشت بعد سقوطها، في القطع التي تملك فيها أسر العضوات حقوق انتفاع عرفية. تُجفف تحت الشمس وتُزال قشرتها، ثم يُكسر الجوز الصلب يدويًا بين حجرين كما كان يُفعل دائمًا. ويتطلب لتر واحد من الزيت نحو أربعين كيلوغرامًا من الثمار ويومين من التكسير. يُعصر اللوز المخصص للزيت التجميلي نيئًا على البارد، أما لوز الزيت الغذائي فيُحمّص أولًا تحميصًا خفيفًا يمنح الزيت نكهة البندق. ثم يُترك الزيت ليترسب ويُصفّى قبل تعبئته.",
                "بفضل المؤسسة، وصل زيت التعاونية إلى زبائن في الدار البيضاء كانوا يشترون زيت الأركان دون أن يعرفوا من أنتجه. وتتوجه إحدى العضوات إلى المتجر مرتين في السنة لتنشيط جلسات تذوق وعروض تطبيقية. وتحضّر التعاونية أيضًا أملو بعسل شركائها في أزيلال، الذي تقتنيه عن طريق المؤسسة. وقد مكّن هذا الدخل المنتظم أفولكي من أداء أجور العضوات حسب ساعات العمل بدل الكيلوغرامات المكسّرة، ومن إحداث صندوق صغير لتمدرس أبنائهن.",
            ],
            "fr": [
                "Afoulki, « la belle » en tamazight, a été fondée en 2004 par des femmes de Tioute, un village-oasis à la lisière de l'arganeraie, au sud-est de Taroudant. Auparavant, elles concassaient les noix d'argan chez elles pour des intermédiaires qui payaient au kilo d'amandons et revendaient l'huile ailleurs sous leur propre marque. Fonder une coopérative leur permettait de presser l'huile elles-mêmes et d'en garder la valeur ajoutée. Vingt femmes ont signé les statuts ; le bouche-à-oreille a gagné les douars voisins, et elles sont aujourd'hui cinquante-huit.",
                "Les fruits sont ramassés à terre entre juin et août, une fois tombés, sur les parcelles où les familles des membres détiennent des droits d'usage coutumiers. Ils sèchent au soleil, sont dépulpés, puis les noix, très dures, sont concassées à la main entre deux pierres, comme autrefois. Il faut environ quarante kilos de fruits et deux jours de concassage pour obtenir un litre d'huile. Les amandons destinés à l'huile cosmétique sont pressés crus, à froid ; pour l'huile alimentaire, ils sont d'abord légèrement torréfiés, ce qui donne à l'huile son goût de noisette. L'huile décante ensuite et est filtrée avant la mise en bouteille.",
                "Grâce à la fondation, l'huile de la coopérative atteint à Casablanca des clients qui achetaient de l'argane sans savoir qui l'avait produite. L'une des membres se rend à la boutique deux fois par an pour animer des dégustations et des démonstrations. La coopérative prépare aussi de l'amlou avec le miel de ses partenaires d'Azilal, acheté par l'intermédiaire de la fondation. Ce revenu régulier a permis à Afoulki de rémunérer les membres à l'heure travaillée plutôt qu'au kilo concassé, et de créer un petit fonds pour la scolarité de leurs enfants.",
            ],
            "en": [
                "Afoulki, meaning beautiful in Tamazight, was founded in 2004 by women from Tioute, an oasis village on the edge of the argan forest south-east of Taroudant. Before, they cracked argan nuts at home for middlemen who paid by the kilogram of kernels and sold the oil elsewhere under their own brands. Forming a cooperative meant they could press the oil themselves and keep the value it added. Twenty women signed the statutes; word spread through the neighbouring douars, and today there are fifty-eight members.",
                "The fruit is gathered from the ground between June and August, once it has fallen, on plots where the members' families hold customary rights of use. It is dried in the sun and the pulp removed, then the hard nuts are cracked by hand between two stones, as they always have been. It takes about forty kilograms of fruit and two days of cracking to make one litre of oil. Kernels for cosmetic oil are cold-pressed raw; for culinary oil they are first lightly roasted, which gives the oil its nutty taste. The oil is then left to settle and filtered before bottling.",
                "Through the foundation, the cooperative's oil has reached customers in Casablanca who used to buy argan oil without knowing who made it. A member travels to the store twice a year to lead tastings and demonstrations. The cooperative also makes amlou with honey from its Azilal partners, bought through the foundation. This regular income has allowed Afoulki to pay members by the hour worked rather than by the kilogram cracked, and to set up a small fund for their children's schooling.",
            ],
        },
        "quote": {
            "text": {
                "ar": "قضت أمي حياتها تكسر الجوز لحساب غيرها. أما أنا فأكسره لحسابنا، وأعرف بكم يُباع الزيت.",
                "fr": "Ma mère a concassé des noix pour les autres toute sa vie. Moi, je les concasse pour nous, et je sais à quel prix l'huile est vendue.",
                "en": "My mother cracked nuts for other people all her life. I crack them for us, and I know what the oil sells for.",
            },
            "author": "Hafsa Oubrahim",
            "role": {
                "ar": "عضوة مؤسِّسة",
                "fr": "Membre fondatrice",
                "en": "Founding member",
            },
        },
        "key_facts": [
            {
                "label": {
                    "ar": "جمع الثمار",
                    "fr": "Ramassage des fruits",
                    "en": "Fruit gathering",
                },
                "value": {
                    "ar": "يونيو – غشت",
                    "fr": "juin – août",
                    "en": "June – August",
                },
            },
            {
                "label": {
                    "ar": "الثمار اللازمة للتر",
                    "fr": "Fruits pour 1 litre",
                    "en": "Fruit per litre",
                },
                "value": {
                    "ar": "حوالي 40 كلغ",
                    "fr": "environ 40 kg",
                    "en": "about 40 kg",
                },
            },
            {
                "label": {"ar": "التكسير", "fr": "Concassage", "en": "Cracking"},
                "value": {
                    "ar": "يدويًا بين حجرين",
                    "fr": "à la main, entre deux pierres",
                    "en": "by hand, between two stones",
                },
            },
        ],
        "color": "#a4703a",
        "certifications": [
            {
                "kind": "pgi",
                "issuer": "Ministère de l'Agriculture",
                "number": "IGP-ARGANE-0342",
                "valid_from_days": -1200,
                "valid_until_days": 640,
            },
            {
                "kind": "organic",
                "issuer": "Ecocert",
                "number": "MA-BIO-154-0876",
                "valid_from_days": -300,
                "valid_until_days": 65,
            },
            {
                "kind": "onssa",
                "issuer": "ONSSA",
                "number": "AS-TA-2010-0145",
                "valid_from_days": -850,
                "valid_until_days": 515,
            },
        ],
        "products": [
            {
                "slug": "afoulki-culinary-argan-oil",
                "category": "oils",
                "name": {
                    "ar": "زيت الأركان الغذائي",
                    "fr": "Huile d'argane alimentaire",
                    "en": "Culinary argan oil",
                },
                "description": {
                    "ar": "يُعصر من لوز محمّص تحميصًا خفيفًا، ثم يُترك ليترسب ويُصفّى. لونه ذهبي عميق ومذاقه يذكّر بالبندق المحمّص. يحمل البيان الجغرافي المحمي «أركان».",
                    "fr": "Pressée à partir d'amandons légèrement torréfiés, puis décantée et filtrée. Dorée et profonde, au goût de noisette grillée. Indication géographique protégée Argane.",
                    "en": "Pressed from lightly roasted kernels, then settled and filtered. Deep gold, with a taste of toasted hazelnut. Protected geographical indication Argane.",
                },
                "how_to_use": {
                    "ar": "يُستعمل نيئًا: يُسكب على الكسكس أو السلطات أو الطواجن في آخر الطهي، أو يُؤكل مع الخبز في الفطور.",
                    "fr": "À utiliser cru : en filet sur le couscous, les salades ou les tajines en fin de cuisson, ou avec du pain au petit-déjeuner.",
                    "en": "Use it raw: drizzled over couscous, salads or tagines at the end of cooking, or with bread at breakfast.",
                },
                "vat": "reduced_10",
                "variants": [
                    {
                        "sku": "AFO-ARG-100",
                        "label": {"ar": "100 مل", "fr": "100 ml", "en": "100 ml"},
                        "price": 8500,
                        "weight": 260,
                        "stock": 24,
                    },
                    {
                        "sku": "AFO-ARG-250",
                        "label": {"ar": "250 مل", "fr": "250 ml", "en": "250 ml"},
                        "price": 18000,
                        "weight": 480,
                        "stock": 16,
                    },
                ],
            },
            {
                "slug": "afoulki-cosmetic-argan-oil",
                "category": "cosmetics",
                "name": {
                    "ar": "زيت الأركان التجميلي",
                    "fr": "Huile d'argane cosmétique",
                    "en": "Cosmetic argan oil",
                },
                "description": {
                    "ar": "يُعصر على البارد من لوز نيء غير محمّص. لونه فاتح ويكاد يكون بلا رائحة، ويتشربه الجلد والشعر بسهولة. حاصل على شهادة الإنتاج البيولوجي.",
                    "fr": "Pressée à froid à partir d'amandons crus, non torréfiés. Claire et presque inodore, elle pénètre facilement la peau et les cheveux. Certifiée biologique.",
                    "en": "Cold-pressed from raw, unroasted kernels. Pale and almost odourless, it is easily absorbed by skin and hair. Certified organic.",
                },
                "how_to_use": {
                    "ar": "بضع قطرات على البشرة الرطبة أو على أطراف الشعر. غير مخصص للطهي.",
                    "fr": "Quelques gouttes sur la peau humide ou sur les pointes des cheveux. Ne convient pas à la cuisine.",
                    "en": "A few drops on damp skin or on the ends of the hair. Not for cooking.",
                },
                "vat": "standard",
                "variants": [
                    {
                        "sku": "AFO-COSM-100",
                        "label": {"ar": "100 مل", "fr": "100 ml", "en": "100 ml"},
                        "price": 12000,
                        "weight": 230,
                        "stock": 19,
                    },
                ],
            },
            {
                "slug": "afoulki-amlou",
                "category": "food",
                "name": {"ar": "أملو", "fr": "Amlou", "en": "Amlou"},
                "description": {
                    "ar": "معجون من اللوز المحمّص المطحون بالرحى، وزيت الأركان الغذائي، وعسل الزعتر من تعاونيات أزيلال. بلا سكر مضاف ولا مواد حافظة.",
                    "fr": "Une pâte d'amandes grillées moulues à la meule, d'huile d'argane alimentaire et de miel de thym des coopératives d'Azilal. Sans sucre ajouté ni conservateur.",
                    "en": "A spread of stone-ground roasted almonds, culinary argan oil and thyme honey from the Azilal cooperatives. No added sugar or preservatives.",
                },
                "how_to_use": {
                    "ar": "يُدهن على الخبز أو المسمن في الفطور. يُحرَّك قبل الاستعمال لأن الزيت يطفو طبيعيًا على السطح.",
                    "fr": "À tartiner sur du pain ou un msemen au petit-déjeuner. Remuez avant usage : l'huile remonte naturellement à la surface.",
                    "en": "Spread on bread or msemen at breakfast. Stir before use, as the oil naturally rises to the top.",
                },
                "vat": "reduced_14",
                "variants": [
                    {
                        "sku": "AFO-AMLOU-250",
                        "label": {"ar": "250 غ", "fr": "250 g", "en": "250 g"},
                        "price": 7500,
                        "weight": 400,
                        "stock": 28,
                    },
                ],
            },
        ],
    },
    {
        "slug": "tamazirt-bhalil",
        "name": {
            "ar": "تعاونية تامازيرت",
            "fr": "Coopérative Tamazirt",
            "en": "Tamazirt Cooperative",
        },
        "legal_form": "cooperative",
        "registration_number": "SE-2017-007",
        "province": {"ar": "صفرو", "fr": "Sefrou", "en": "Sefrou"},
        "commune": {"ar": "البهاليل", "fr": "Bhalil", "en": "Bhalil"},
        "founded": 2017,
        "members": 16,
        "women_members": 16,
        "phone": "+212 6 45 62 88 10",
        "email": "contact@tamazirt-bhalil.coop.ma",
        "categories": ["herbs"],
        "summary": {
            "ar": "ست عشرة امرأة من البهاليل قرب صفرو يزرعن النعناع في حدائق مدرّجة ويقطفن الخزامى البرية في الأطلس المتوسط.",
            "fr": "Seize femmes de Bhalil, près de Sefrou, qui cultivent la menthe en terrasses et cueillent la lavande sauvage du Moyen Atlas.",
            "en": "Sixteen women in Bhalil, near Sefrou, who grow spearmint on terraced gardens and gather wild lavender in the Middle Atlas.",
        },
        "story": {
            "ar": [
                "البهاليل بلدة صغيرة في التلال المطلة على صفرو، تشتهر ببيوتها المحفورة في الصخر وبنسائها اللواتي يخطن الأزرار الدقيقة للجلابيب. وفي سنة 2017 أسست ست عشرة منهن، بعد أن سئمن الخياطة لحساب تجار يدفعون الأجر عن كل ألف زر، تعاونية تامازيرت، أي «البلد»، ليكسبن رزقهن مما ينبت حولهن. كانت أسرهن تزرع النعناع أصلًا في مدرجات تسقيها عيون البلدة، كما تكسو الخزامى البرية التلال الممتدة نحو الأطلس المتوسط.",
                "يُقطع النعناع من ماي إلى أكتوبر في الصباح الباكر، ويُجفف في الظل على السطوح المنبسطة للبيوت القديمة، تحت أغطية قطنية تحجب عنه أشعة الشمس. أما الخزامى البرية (Lavandula stoechas) فتُقطف في أواخر الربيع وهي مزهرة، بقص السيقان المزهرة بالمقص دون اقتلاع الجذور أبدًا. ويُفرز النوعان يدويًا على طاولة كبيرة في مقر التعاونية، ويحدد دفتر التحملات النسبة القصوى المسموح بها من السيقان في كل دفعة. كما تخيط العضوات أكياسًا صغيرة للخزامى من بقايا قماش الجلابيب.",
                "كان متجر المؤسسة في الدار البيضاء أول زبون للتعاونية خارج جهة فاس. وبالنسبة إلى تعاونية بهذا الحجم الصغير، أحدث تقاسم الموارد فرقًا حاسمًا: أكياس وملصقات مشتركة، وشحنات تُضاف إلى الجولة المنتظمة للمؤسسة انطلاقًا من فاس. وقد أصبحت أكياس الخزامى، المخيطة بالعناية نفسها التي تُخاط بها الأزرار، هدية مطلوبة بكثرة في المتجر. وتحصل كل عضوة الآن على دخل شهري من المبيعات، وبدأت التعاونية تؤدي اشتراكات التأمين الصحي لأكبر العضوات سنًّا.",
            ],
            "fr": [
                "Bhalil est une petite ville des collines au-dessus de Sefrou, connue pour ses maisons creusées dans la roche et pour ses femmes qui cousent les minuscules boutons des djellabas. En 2017, seize d'entre elles, lassées de coudre pour des négociants qui payaient au millier de boutons, ont fondé Tamazirt, « le pays », pour vivre de ce qui pousse autour d'elles. Leurs familles cultivaient déjà la menthe sur des terrasses arrosées par les sources de la ville, et les collines qui montent vers le Moyen Atlas sont couvertes de lavande sauvage.",
                "La menthe se coupe de mai à octobre, tôt le matin, et sèche à l'ombre sur les toits plats des vieilles maisons, sous des toiles de coton qui la protègent du soleil. La lavande sauvage, Lavandula stoechas, se cueille à la fin du printemps, en fleur, en coupant les tiges fleuries aux ciseaux, sans jamais arracher les racines. Les deux sont triées à la main sur une grande table dans le local de la coopérative, et le cahier des charges fixe la part maximale de tiges admise dans chaque lot. Les membres cousent aussi des sachets de lavande dans des chutes de tissu de djellaba.",
                "La boutique de la fondation à Casablanca a été le premier client de la coopérative en dehors de la région de Fès. Pour une structure aussi petite, la mutualisation a tout changé : sachets et étiquettes partagés, envois ajoutés à la tournée régulière de la fondation depuis Fès. Les sachets de lavande, cousus avec le même soin que les boutons, sont devenus un cadeau très demandé à la boutique. Chaque membre touche désormais un revenu mensuel tiré des ventes, et la coopérative a commencé à payer les cotisations d'assurance maladie des plus âgées.",
            ],
            "en": [
                "Bhalil is a small town in the hills above Sefrou, known for its houses built into the rock and for its women, who sew the tiny buttons of djellabas. In 2017 sixteen of them, tired of sewing for traders who paid by the thousand buttons, founded Tamazirt, meaning homeland, to make a living from what grows around them. Their families already grew spearmint on terraces watered by the town's springs, and the hills rising towards the Middle Atlas are covered in wild lavender.",
                "Spearmint is cut from May to October, early in the morning, and dried in the shade on the flat roofs of the old houses, under cotton awnings that keep the sun off. Wild lavender, Lavandula stoechas, is gathered in late spring, in flower, by cutting the flowering stems with scissors and never pulling up the roots. Both are sorted by hand on a large table in the cooperative's room, and the specification book sets the maximum share of stems allowed in each batch. Members also sew lavender pouches from offcuts of djellaba cloth.",
                "The foundation's store in Casablanca was the cooperative's first customer outside the Fès region. For so small a group, pooling made all the difference: shared pouches and labels, and shipments added to the foundation's regular run from Fès. The lavender pouches, sewn with the same care as the buttons, have become a popular gift at the store. Every member now earns a monthly income from sales, and the cooperative has begun paying the health insurance contributions of its oldest members.",
            ],
        },
        "quote": {
            "text": {
                "ar": "في البهاليل تعرف كل امرأة الخياطة. والآن نخيط أكياس الخزامى، وأسماؤنا على الملصق.",
                "fr": "À Bhalil, toutes les femmes savent coudre. Maintenant, nous cousons des sachets de lavande, et nos noms sont sur l'étiquette.",
                "en": "In Bhalil every woman knows how to sew. Now we sew lavender pouches, and our names are on the label.",
            },
            "author": "Rachida Benslimane",
            "role": {"ar": "الرئيسة", "fr": "Présidente", "en": "President"},
        },
        "key_facts": [
            {
                "label": {
                    "ar": "قطع النعناع",
                    "fr": "Coupe de la menthe",
                    "en": "Mint cutting",
                },
                "value": {
                    "ar": "ماي – أكتوبر",
                    "fr": "mai – octobre",
                    "en": "May – October",
                },
            },
            {
                "label": {
                    "ar": "قطف الخزامى",
                    "fr": "Cueillette de la lavande",
                    "en": "Lavender gathering",
                },
                "value": {"ar": "ماي – يونيو", "fr": "mai – juin", "en": "May – June"},
            },
            {
                "label": {"ar": "الارتفاع", "fr": "Altitude", "en": "Altitude"},
                "value": {
                    "ar": "حوالي 1000 م",
                    "fr": "environ 1 000 m",
                    "en": "about 1,000 m",
                },
            },
        ],
        "color": "#7b6fa8",
        "certifications": [
            {
                "kind": "onssa",
                "issuer": "ONSSA",
                "number": "AS-SE-2019-0088",
                "valid_from_days": -500,
                "valid_until_days": 480,
            },
        ],
        "products": [
            {
                "slug": "tamazirt-dried-spearmint",
                "category": "herbs",
                "name": {
                    "ar": "نعناع مجفف",
                    "fr": "Menthe verte séchée",
                    "en": "Dried spearmint",
                },
                "description": {
                    "ar": "نعناع مزروع في مدرجات البهاليل، يُقطع في الصباح الباكر ويُجفف في الظل فوق السطوح. أوراق كاملة بنكهة حلوة منعشة.",
                    "fr": "Menthe verte cultivée sur les terrasses de Bhalil, coupée tôt le matin et séchée à l'ombre sur les toits. Feuilles entières, douces et fraîches.",
                    "en": "Spearmint grown on the terraces of Bhalil, cut early in the morning and dried in the shade on the rooftops. Whole leaves, sweet and fresh.",
                },
                "how_to_use": {
                    "ar": "حين لا يتوفر النعناع الطري، تكفي ملعقة كبيرة لكل إبريق. ويصلح أيضًا للحساء والسلطات.",
                    "fr": "Quand la menthe fraîche manque, comptez une cuillère à soupe par théière. Très bonne aussi dans les soupes et les salades.",
                    "en": "When fresh mint is out of season, use a tablespoon per teapot. Also good in soups and salads.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "TMZ-MENT-40",
                        "label": {"ar": "40 غ", "fr": "40 g", "en": "40 g"},
                        "price": 2500,
                        "weight": 60,
                        "stock": 36,
                    },
                ],
            },
            {
                "slug": "tamazirt-wild-lavender",
                "category": "herbs",
                "name": {
                    "ar": "خزامى برية مجففة",
                    "fr": "Lavande sauvage séchée",
                    "en": "Dried wild lavender",
                },
                "description": {
                    "ar": "سنابل مزهرة من الخزامى البرية (Lavandula stoechas) تُقطف من تلال الأطلس المتوسط. تُباع سائبة أو في كيس تخيطه العضوات من قماش الجلابيب.",
                    "fr": "Épis fleuris de Lavandula stoechas cueillis sur les collines du Moyen Atlas. Vendue en vrac ou en sachet cousu par les membres dans du tissu de djellaba.",
                    "en": "Flower heads of Lavandula stoechas gathered on the hills of the Middle Atlas. Sold loose or in a pouch sewn by the members from djellaba cloth.",
                },
                "how_to_use": {
                    "ar": "توضع في الخزائن والأدراج، ويُضغط الكيس من حين لآخر لإنعاش الرائحة. غير مخصصة للاستهلاك.",
                    "fr": "À glisser dans les armoires et les tiroirs ; pressez le sachet de temps en temps pour raviver le parfum. Non destinée à la consommation.",
                    "en": "Tuck into wardrobes and drawers, and squeeze the pouch now and then to revive the scent. Not for eating or drinking.",
                },
                "vat": "standard",
                "variants": [
                    {
                        "sku": "TMZ-LAV-50",
                        "label": {
                            "ar": "سائبة 50 غ",
                            "fr": "Vrac 50 g",
                            "en": "Loose 50 g",
                        },
                        "price": 3000,
                        "weight": 70,
                        "stock": 20,
                    },
                    {
                        "sku": "TMZ-LAV-SAC20",
                        "label": {
                            "ar": "كيس مخيط 20 غ",
                            "fr": "Sachet cousu 20 g",
                            "en": "Sewn pouch 20 g",
                        },
                        "price": 4500,
                        "weight": 40,
                        "stock": 12,
                    },
                ],
            },
        ],
    },
    {
        "slug": "ajddig-kelaat-mgouna",
        "name": {
            "ar": "تعاونية أجديك",
            "fr": "Coopérative Ajddig",
            "en": "Ajddig Cooperative",
        },
        "legal_form": "cooperative",
        "registration_number": "TI-2007-022",
        "province": {"ar": "تنغير", "fr": "Tinghir", "en": "Tinghir"},
        "commune": {"ar": "قلعة مكونة", "fr": "Kelaat M'Gouna", "en": "Kelaat M'Gouna"},
        "founded": 2007,
        "members": 22,
        "women_members": 22,
        "phone": "+212 6 71 26 54 39",
        "email": "contact@ajddig-kelaat-mgouna.coop.ma",
        "categories": ["cosmetics", "food"],
        "summary": {
            "ar": "اثنتان وعشرون امرأة من وادي دادس يقطفن الورد الدمشقي عند الفجر ويقطّرنه ماءَ ورد في قطّارات نحاسية.",
            "fr": "Vingt-deux femmes de la vallée du Dadès qui cueillent les roses de Damas à l'aube et les distillent en eau de rose dans des alambics de cuivre.",
            "en": "Twenty-two women of the Dades valley who pick damask roses at dawn and distil them into rose water in copper stills.",
        },
        "story": {
            "ar": [
                "في وادي دادس ينمو الورد الدمشقي سياجًا بين حقول الشعير والفصة. ولأجيال متعاقبة ظلت الأسر تبيع البتلات الطرية بالكيلوغرام لمعامل التقطير في موسم الجني، دون أن يكون لها رأي في الثمن. وفي سنة 2007 أسست اثنتان وعشرون امرأة من قلعة مكونة تعاونية أجديك، أي «الزهرة» بالأمازيغية، لتقطير الورد بأنفسهن. وكانت أول قطّارة لديهن إنبيقًا نحاسيًا صنعه نحّاس من البلدة، ولم يتجاوز إنتاج الموسم الأول مئتي لتر من ماء الورد.",
                "يدوم الجني نحو شهر، من أواخر أبريل إلى أواخر ماي. يُقطف الورد عند الفجر قبل اشتداد الحر، حين يكون عبيره في أقوى حالاته، ويُحمل إلى التعاونية في أكياس قطنية، ويجب أن يوضع في القطّارة في غضون ساعات. ويجري التقطير ببطء على نار هادئة، ثم يُعاد تقطير الماء الأول للحصول على ماء أكثر تركيزًا. ويُقطف جزء من البراعم قبل تفتحها ويُجفف في الظل لاستعماله في المنقوعات وخلطات التوابل. وتلتزم التعاونية بدفتر تحملات تسمية المنشأ المحمية «ورد قلعة مكونة - دادس».",
                "منحت الشراكة مع المؤسسة التعاونية منفذًا للبيع طوال السنة، بعد أن كان معظم ماء الورد يُباع خلال مهرجان الورود في ماي. وصارت القوارير تحمل ملصقًا ورقم دفعة موحدين مع باقي منتجات المؤسسة، وتُنقل في شحنات مؤمَّنة، وتُباع في الدار البيضاء وعبر الموقع. كما ساعدت المؤسسة التعاونية على الانضمام إلى شبكة للتجارة العادلة، وقد شمل تدقيقها طريقة أداء مستحقات العضوات. وبفضل الدخل المنتظم، اشترت التعاونية قطّارة ثانية، وأصبحت تؤدي أجور عضواتها حتى في الأشهر التي لا ورد فيها.",
            ],
            "fr": [
                "Dans la vallée du Dadès, les roses de Damas poussent en haies entre les champs d'orge et de luzerne. Pendant des générations, les familles ont vendu les pétales frais au kilo aux distilleries au moment de la récolte, sans avoir leur mot à dire sur le prix. En 2007, vingt-deux femmes de Kelaat M'Gouna ont fondé Ajddig, « la fleur » en tamazight, pour distiller elles-mêmes leurs roses. Leur premier alambic, en cuivre, a été fabriqué par un chaudronnier de la ville, et la première saison a donné à peine deux cents litres d'eau de rose.",
                "La récolte dure environ un mois, de fin avril à fin mai. Les roses sont cueillies à l'aube, avant la chaleur, quand leur parfum est le plus intense, et apportées à la coopérative dans des sacs en coton ; elles doivent être dans l'alambic en quelques heures. La distillation est lente, à feu doux, et la première eau est redistillée pour obtenir une eau plus concentrée. Une partie des boutons est cueillie avant l'éclosion et séchée à l'ombre pour les infusions et les mélanges d'épices. La coopérative suit le cahier des charges de l'appellation d'origine protégée Rose de Kelaat M'Gouna-Dadès.",
                "Le partenariat avec la fondation a offert à la coopérative un débouché toute l'année : jusque-là, l'essentiel de son eau de rose se vendait pendant le festival des roses, en mai. Les flacons portent désormais une étiquette et un numéro de lot communs à la gamme de la fondation, voyagent en envois assurés et se vendent à Casablanca et en ligne. La fondation a aussi aidé la coopérative à rejoindre un réseau de commerce équitable, dont l'audit a porté notamment sur la rémunération des membres. Avec un revenu régulier, la coopérative a acheté un deuxième alambic et rémunère désormais ses membres pendant les mois sans roses.",
            ],
            "en": [
                "In the Dades valley, damask roses grow as hedges between the fields of barley and alfalfa. For generations, families sold the fresh petals by the kilo to distilleries at harvest time, with no say over the price. In 2007 twenty-two women from Kelaat M'Gouna founded Ajddig, meaning flower in Tamazight, to distil their roses themselves. Their first still was a copper alembic made by a coppersmith in the town, and the first season produced barely two hundred litres of rose water.",
                "The harvest lasts about a month, from late April to late May. Roses are picked at dawn, before the heat, when their scent is strongest, and carried to the cooperative in cotton bags; they must be in the still within hours. Distillation is slow, over a low fire, and the first water is distilled again for a more concentrated result. Some of the buds are picked before they open and dried in the shade for infusions and spice blends. The cooperative follows the specification of the protected designation of origin Rose de Kelaat M'Gouna-Dades.",
                "The partnership with the foundation gave the cooperative a year-round outlet: until then, most of its rose water was sold during the rose festival in May. The bottles now carry a label and batch number shared with the foundation's range, travel in insured shipments and are sold in Casablanca and online. The foundation also helped the cooperative join a fair-trade network, whose audit looked in particular at how members are paid. With a regular income, the cooperative has bought a second still and now pays its members in the months without roses.",
            ],
        },
        "quote": {
            "text": {
                "ar": "الوردة تمنحنا شهرًا واحدًا في السنة، وبفضل القطّارة تعيلنا طوال السنة.",
                "fr": "La rose nous donne un mois par an. Grâce à l'alambic, elle nous fait vivre toute l'année.",
                "en": "The rose gives us one month a year. Thanks to the still, it keeps us all year round.",
            },
            "author": "Fadma Ouhaddou",
            "role": {
                "ar": "مسؤولة التقطير",
                "fr": "Responsable de la distillation",
                "en": "Head distiller",
            },
        },
        "key_facts": [
            {
                "label": {"ar": "موسم الجني", "fr": "Récolte", "en": "Harvest"},
                "value": {
                    "ar": "أواخر أبريل – أواخر ماي",
                    "fr": "fin avril – fin mai",
                    "en": "late April – late May",
                },
            },
            {
                "label": {
                    "ar": "الورد لكل لتر",
                    "fr": "Roses par litre",
                    "en": "Roses per litre",
                },
                "value": {
                    "ar": "حوالي 1 كلغ من البتلات",
                    "fr": "environ 1 kg de pétales",
                    "en": "about 1 kg of petals",
                },
            },
            {
                "label": {"ar": "القطّارات", "fr": "Alambics", "en": "Stills"},
                "value": {
                    "ar": "قطّارتان نحاسيتان",
                    "fr": "2, en cuivre",
                    "en": "2, copper",
                },
            },
        ],
        "color": "#c2577a",
        "certifications": [
            {
                "kind": "terroir_label",
                "issuer": "Ministère de l'Agriculture",
                "number": "AOP-RKMD-0031",
                "valid_from_days": -900,
                "valid_until_days": 820,
            },
            {
                "kind": "fair_trade",
                "issuer": "WFTO",
                "number": "WFTO-MA-0193",
                "valid_from_days": -200,
                "valid_until_days": 600,
            },
        ],
        "products": [
            {
                "slug": "ajddig-rose-water",
                "category": "cosmetics",
                "name": {"ar": "ماء الورد", "fr": "Eau de rose", "en": "Rose water"},
                "description": {
                    "ar": "يُقطّر ببطء من ورد دمشقي طري يُقطف عند الفجر في وادي دادس، دون أي إضافة. يحمل تسمية المنشأ المحمية «ورد قلعة مكونة - دادس».",
                    "fr": "Distillée lentement à partir de roses de Damas fraîches cueillies à l'aube dans la vallée du Dadès, sans aucun ajout. Appellation d'origine protégée Rose de Kelaat M'Gouna-Dadès.",
                    "en": "Slowly distilled from fresh damask roses picked at dawn in the Dades valley, with nothing added. Protected designation of origin Rose de Kelaat M'Gouna-Dades.",
                },
                "how_to_use": {
                    "ar": "يُستعمل غسولًا للوجه، أو تُضاف بضع قطرات منه إلى الحلويات والمهلبية وسلطات الفواكه. يُحفظ في مكان بارد بعد فتحه.",
                    "fr": "En lotion pour le visage, ou quelques gouttes dans les pâtisseries, les entremets au lait et les salades de fruits. À conserver au frais après ouverture.",
                    "en": "Use as a face toner, or add a few drops to pastries, milk puddings and fruit salads. Keep cool after opening.",
                },
                "vat": "standard",
                "variants": [
                    {
                        "sku": "AJD-ROSE-250",
                        "label": {"ar": "250 مل", "fr": "250 ml", "en": "250 ml"},
                        "price": 4500,
                        "weight": 430,
                        "stock": 50,
                    },
                    {
                        "sku": "AJD-ROSE-500",
                        "label": {"ar": "500 مل", "fr": "500 ml", "en": "500 ml"},
                        "price": 8000,
                        "weight": 760,
                        "stock": 17,
                    },
                ],
            },
            {
                "slug": "ajddig-dried-rosebuds",
                "category": "food",
                "name": {
                    "ar": "براعم ورد مجففة",
                    "fr": "Boutons de rose séchés",
                    "en": "Dried rosebuds",
                },
                "description": {
                    "ar": "براعم ورد دمشقي تُقطف قبل تفتحها وتُجفف في الظل. تحتفظ بلونها وبعبير يشبه العسل، وتدخل في تركيبة رأس الحانوت.",
                    "fr": "Boutons de rose de Damas cueillis avant l'éclosion et séchés à l'ombre. Ils gardent leur couleur et un parfum de miel, et entrent dans la composition du ras el hanout.",
                    "en": "Damask rosebuds picked before they open and dried in the shade. They keep their colour and a honeyed scent, and are one of the ingredients of ras el hanout.",
                },
                "how_to_use": {
                    "ar": "تُنقع أربعة أو خمسة براعم في ماء ساخن، أو تُطحن بضعة منها في خلطات التوابل والطواجن بالفواكه.",
                    "fr": "Infusez quatre ou cinq boutons dans de l'eau chaude, ou moulez-en quelques-uns dans vos mélanges d'épices et vos tajines aux fruits.",
                    "en": "Infuse four or five buds in hot water, or grind a few into spice blends and tagines with fruit.",
                },
                "vat": "exempt",
                "variants": [
                    {
                        "sku": "AJD-BOUT-50",
                        "label": {"ar": "50 غ", "fr": "50 g", "en": "50 g"},
                        "price": 3500,
                        "weight": 80,
                        "stock": 26,
                    },
                ],
            },
        ],
    },
]

STORIES = [
    {
        "slug": "partnership-agreements-signed",
        "date_days": -420,
        "title": {
            "ar": "إحدى عشرة تعاونية وهيئة منتجة توقّع اتفاقيات الشراكة",
            "fr": "Onze coopératives et groupements de producteurs signent leur convention de partenariat",
            "en": "Eleven cooperatives and producer groups sign their partnership agreements",
        },
        "intro": {
            "ar": "اجتمع في أزيلال رؤساء ورئيسات إحدى عشرة تعاونية وهيئة منتجة، ووقّعوا الاتفاقيات التي تحدد كيفية بيع منتجاتهم بنظام الإيداع وطريقة أداء مستحقاتهم.",
            "fr": "Réunis à Azilal, les présidentes et présidents de onze coopératives et groupements ont signé les conventions qui fixent la vente de leurs produits en dépôt et la manière dont ils seront payés.",
            "en": "Meeting in Azilal, the presidents of eleven cooperatives and producer groups signed the agreements that set out how their products will be sold on consignment and how they will be paid.",
        },
        "body": {
            "ar": [
                "ثمانٍ من الهيئات الموقِّعة تنتمي إلى إقليم أزيلال، من دمنات إلى وادي آيت بوكماز، أما الثلاث الأخرى فقدمت من تارودانت والبهاليل وقلعة مكونة. وأغلب هذه الهيئات تعاونيات نسائية تنتج العسل والنباتات العطرية والطبية، في حين تنتج البقية زيت الأركان والكسكس وماء الورد. وبالنسبة إلى عدد منها، كان هذا أول عقد مكتوب توقعه مع مشترٍ.",
                "الاتفاقيات قصيرة وموحدة للجميع. تبقى المنتجات ملكًا للتعاونية إلى حين بيعها، وتتولى المؤسسة تخزينها وبيعها في متجرها وعبر الموقع وفي المعارض، وتؤمّنها أثناء النقل. وفي نهاية كل شهر، تؤدي المؤسسة الحاصل الصافي لكل عملية بيع، بعد خصم هامش توزيع يختلف حسب نوع البيع ومنصوص عليه في الاتفاقية. وفي المقابل، تلتزم التعاونيات باحترام دفاتر تحملاتها وبتحيين تراخيصها الصحية باستمرار.",
                "وستتحمل المؤسسة كلفة التلفيف المشترك والملصقات بثلاث لغات والتحاليل المخبرية الأولى. أما الخطوة التالية فهي افتتاح متجر تضامني في الدار البيضاء خلال الأشهر المقبلة، يحمل فيه كل منتج اسم التعاونية التي صنعته.",
            ],
            "fr": [
                "Huit des signataires venaient de la province d'Azilal, de Demnate à la vallée des Aït Bouguemez ; les trois autres avaient fait le voyage depuis Taroudant, Bhalil et Kelaat M'Gouna. La plupart sont des coopératives féminines qui produisent du miel et des plantes aromatiques et médicinales ; les autres font de l'huile d'argane, du couscous et de l'eau de rose. Pour plusieurs d'entre elles, c'était le premier contrat écrit signé avec un acheteur.",
                "Les conventions sont courtes et identiques pour tous. Les produits restent la propriété de la coopérative jusqu'à leur vente. La fondation les stocke, les vend dans sa boutique, en ligne et dans les salons, et les assure pendant le transport. À la fin de chaque mois, elle verse le résultat net de chaque vente, déduction faite d'une marge de distribution qui varie selon le type de vente et figure dans la convention. En contrepartie, les coopératives s'engagent à respecter leur cahier des charges et à tenir à jour leurs autorisations sanitaires.",
                "La fondation prendra en charge l'emballage mutualisé, les étiquettes en trois langues et les premières analyses de laboratoire. Prochaine étape : l'ouverture d'une boutique solidaire à Casablanca, prévue dans les prochains mois, où chaque produit portera le nom de la coopérative qui l'a fabriqué.",
            ],
            "en": [
                "Eight of the signatories came from the province of Azilal, from Demnate to the Ait Bouguemez valley; the other three travelled from Taroudant, Bhalil and Kelaat M'Gouna. Most are women's cooperatives producing honey and aromatic and medicinal herbs; the others make argan oil, couscous and rose water. For several of them, it was the first written contract they had ever signed with a buyer.",
                "The agreements are short and the same for everyone. Products remain the property of the cooperative until they are sold. The foundation stores them, sells them in its store, online and at fairs, and insures them in transit. At the end of each month it pays the net result of every sale, after deducting a distribution margin that depends on the type of sale and is written into the agreement. In return, the cooperatives undertake to follow their specification books and to keep their sanitary authorisations up to date.",
                "The foundation will cover the cost of shared packaging, labels in three languages and the first laboratory analyses. The next step is a solidarity store in Casablanca, due to open in the coming months, where every product will carry the name of the cooperative that made it.",
            ],
        },
        "cooperative": None,
    },
    {
        "slug": "solidarity-store-opens-casablanca",
        "date_days": -300,
        "title": {
            "ar": "افتتاح أول متجر للتجارة التضامنية والعادلة في الدار البيضاء",
            "fr": "Notre première boutique solidaire et équitable ouvre à Casablanca",
            "en": "Our first solidarity and fair-trade store opens in Casablanca",
        },
        "intro": {
            "ar": "في حي المعاريف، صار متجر مساحته ستون مترًا مربعًا يعرض عسل التعاونيات الإحدى عشرة الشريكة وأعشابها وزيوتها وكسكسها.",
            "fr": "Dans le quartier du Maârif, une boutique de soixante mètres carrés propose désormais le miel, les plantes, les huiles et le couscous de nos onze coopératives partenaires.",
            "en": "In the Maarif district, a sixty-square-metre store now sells the honey, herbs, oils and couscous of our eleven partner cooperatives.",
        },
        "body": {
            "ar": [
                "فتح المتجر أبوابه صباح يوم سبت، ووقفت عضوات وأعضاء من خمس تعاونيات خلف المنضدة لتقديم منتجاتهم. وقد رُتّبت الرفوف حسب التعاونيات لا حسب المنتجات، ويضم كل ركن صورة للعضوات ونصًا قصيرًا عن المكان الذي يشتغلن فيه. وعند المدخل، تتيح طاولة للتذوق المقارنة بين عسل الزعتر وعسل الدغموس وعسل زهر البرتقال قبل الاختيار.",
                "تحمل كل بطاقة ثمن اسم التعاونية ورقم دفعة المنتج. والأثمنة تشمل الضريبة على القيمة المضافة، وهي نفسها المعروضة في الموقع، ويمكن الأداء بالبطاقة البنكية أو نقدًا. أما الطلبيات المسجلة عبر الموقع فتُحضَّر وتُرسل من الغرفة الخلفية للمتجر، التي تُستعمل أيضًا مستودعًا للمنتجات المودعة.",
                "في اليوم الأول، زار المتجر عدة مئات من الأشخاص، كثير منهم جيران دفعهم الفضول لاكتشاف المحل الجديد. ونفد عسل الدغموس القادم من واويزغت منذ فترة ما بعد الظهر. وستظهر مبيعات كل تعاونية خلال هذا الشهر في أول كشف لها، يُؤدّى في مطلع الشهر المقبل.",
            ],
            "fr": [
                "La boutique a ouvert ses portes un samedi matin, avec des membres de cinq coopératives derrière le comptoir pour présenter leurs produits. Les rayons sont organisés par coopérative plutôt que par produit, et chaque espace présente une photographie des membres et un court texte sur leur lieu de travail. Près de l'entrée, une table de dégustation permet de comparer le miel de thym, d'euphorbe et de fleur d'oranger avant de choisir.",
                "Chaque étiquette de prix indique le nom de la coopérative et le numéro de lot du produit. Les prix s'entendent TTC et sont les mêmes que sur le site ; on peut payer par carte ou en espèces. Les commandes passées en ligne sont préparées et expédiées depuis l'arrière-boutique, qui sert aussi d'entrepôt pour les produits en dépôt.",
                "Le premier jour, plusieurs centaines de visiteurs sont passés, dont beaucoup de voisins curieux de découvrir la nouvelle boutique. Le miel d'euphorbe de Ouaouizeght était épuisé dès l'après-midi. Les ventes du mois de chaque coopérative figureront sur son premier relevé, payé au début du mois prochain.",
            ],
            "en": [
                "The store opened on a Saturday morning, with members of five cooperatives behind the counter to present their products. The shelves are arranged by cooperative rather than by product, and each section has a photograph of the members and a short text about where they work. A tasting table near the entrance lets customers compare thyme, euphorbia and orange blossom honey before they choose.",
                "Every price label shows the name of the cooperative and the product's batch number. Prices include VAT and are the same as on the website; customers can pay by card or in cash. Orders placed online are prepared and shipped from the back room, which also serves as the warehouse for consignment stock.",
                "On the first day several hundred people came through, many of them neighbours curious about the new shop. The euphorbia honey from Ouaouizeght had sold out by the afternoon. Each cooperative's sales for the month will appear on its first statement, paid at the beginning of next month.",
            ],
        },
        "cooperative": None,
    },
    {
        "slug": "siam-meknes-stand",
        "date_days": -75,
        "title": {
            "ar": "رواقنا في المعرض الدولي للفلاحة بمكناس",
            "fr": "Notre stand au Salon international de l'agriculture de Meknès",
            "en": "Our stand at the International Agriculture Show in Meknes",
        },
        "intro": {
            "ar": "على مدى أسبوع في مكناس، تناوب أعضاء من خمس هيئات شريكة على رواق المؤسسة للقاء الزوار والمشترين وغيرهم من المنتجين.",
            "fr": "Pendant une semaine à Meknès, des membres de cinq structures partenaires se sont relayés sur le stand de la fondation pour rencontrer visiteurs, acheteurs et autres producteurs.",
            "en": "For a week in Meknes, members of five partner groups took turns on the foundation's stand to meet visitors, buyers and other producers.",
        },
        "body": {
            "ar": [
                "أُقيم الرواق في جناح المنتجات المجالية، بين اتحاد لتعاونيات زيت الزيتون ومنتج للتمور من تافيلالت. وتقاسمته جمعية أغبالو وتعاونيات تيفاوين وتافسوت وأفولكي ومجموعة أسمون، وأرسلت كل هيئة عضوين لثلاثة أيام أو أربعة. وتحملت المؤسسة مصاريف السفر والإقامة، وتقاضى الأعضاء عن أيامهم في الرواق أجرًا يعادل أجر يوم عمل في التعاونية.",
                "وكان عسل الدغموس من أغبالو الأكثر إثارة للأسئلة. فكثير من الزوار كانوا يعرفون هذا العسل بالسمعة دون أن يتذوقوه، وفوجئ عدد منهم بحرارته الفلفلية في آخر المذاق. وشرحت عائشة بوزيدي، نائبة رئيس الجمعية، معنى البيان الجغرافي المحمي، وأرت الزوار الرمز الموجود على كل مرطبان والذي يتيح تتبعه إلى المنحل. وباع الرواق ما يزيد قليلًا على ثلاثمئة مرطبان من العسل خلال الأسبوع.",
                "وإلى جانب المبيعات، أتاح المعرض ربط اتصالات جديدة: فقد طلب محلان للمنتجات الراقية في الرباط ودار ضيافة في فاس عينات، وأبدى مطعم في مكناس اهتمامه بكسكس الشعير القادم من تنانت، الذي عُرض ضمن منتجات الشركاء الذين تعذر عليهم الحضور. وستتولى المؤسسة متابعة كل فرصة لفائدة التعاونيات، في إطار الاتفاقيات المبرمة معها.",
            ],
            "fr": [
                "Le stand se trouvait dans le pavillon des produits du terroir, entre une union de coopératives oléicoles et un producteur de dattes du Tafilalet. Il était partagé entre l'association Aghbalou, les coopératives Tifawin, Tafsut et Afoulki et le GIE Asmun, chacun envoyant deux membres pour trois ou quatre jours. Le voyage et l'hébergement étaient pris en charge par la fondation, et les membres ont été rémunérés pour leurs journées sur le stand au même tarif qu'une journée de travail à la coopérative.",
                "C'est le miel d'euphorbe d'Aghbalou qui a suscité le plus de questions. Beaucoup de visiteurs connaissaient le miel de daghmous de réputation sans l'avoir jamais goûté, et plusieurs ont été surpris par sa finale poivrée. Aïcha Bouzidi, vice-présidente de l'association, a expliqué l'IGP et montré sur chaque pot le code qui permet de remonter jusqu'au rucher. Le stand a vendu un peu plus de trois cents pots de miel au cours de la semaine.",
                "Au-delà des ventes, le salon a apporté des contacts : deux épiceries fines de Rabat et une maison d'hôtes de Fès ont demandé des échantillons, et un restaurant de Meknès s'intéresse au couscous d'orge de Tanant, présenté parmi les produits des partenaires qui n'avaient pas pu faire le déplacement. La fondation assurera le suivi de chaque piste pour le compte des coopératives, dans le cadre de leurs conventions.",
            ],
            "en": [
                "The stand was in the hall for local products, between a union of olive oil cooperatives and a date grower from Tafilalet. It was shared by the Aghbalou association, the Tifawin, Tafsut and Afoulki cooperatives and the Asmun group, each sending two members for three or four days. The foundation paid for travel and accommodation, and members were paid for their days on the stand at the same rate as a day's work at the cooperative.",
                "Aghbalou's euphorbia honey drew the most questions. Many visitors knew daghmous honey by reputation but had never tasted it, and several were surprised by its peppery finish. Aïcha Bouzidi, the association's vice-president, explained the PGI and showed the code on each jar that traces it back to an apiary. The stand sold just over three hundred jars of honey during the week.",
                "Beyond sales, the show brought new contacts: two delicatessens in Rabat and a guesthouse in Fès asked for samples, and a restaurant in Meknes is interested in the barley couscous from Tanant, which was on display with the products of the partners who could not make the trip. The foundation will follow up each lead on the cooperatives' behalf, under the terms of their agreements.",
            ],
        },
        "cooperative": "aghbalou-ouaouizeght",
    },
    {
        "slug": "orange-blossom-harvest-bzou",
        "date_days": -30,
        "title": {
            "ar": "جني الربيع: عسل زهر البرتقال في بزو",
            "fr": "Récolte de printemps : le miel de fleur d'oranger à Bzou",
            "en": "Spring harvest: orange blossom honey in Bzou",
        },
        "intro": {
            "ar": "بعد قرابة شهرين قضتها في بساتين البرتقال بسهل تادلة، عادت خلايا تعاونية تامونت إلى بزو محمّلة بمحصول هذه السنة.",
            "fr": "Après près de deux mois dans les orangeraies de la plaine du Tadla, les ruches de la coopérative Tamount sont remontées à Bzou avec la récolte de l'année.",
            "en": "After nearly two months in the orange groves of the Tadla plain, the hives of the Tamount cooperative are back in Bzou with this year's harvest.",
        },
        "body": {
            "ar": [
                "نزلت الخلايا إلى السهل في مطلع مارس، ووُضعت في تسعة بساتين التزم أصحابها بعدم رش المبيدات أثناء الإزهار. وقد أخّر شهر مارس البارد والممطر تفتح الأزهار بنحو عشرة أيام، فخشيت النساء على المحصول. غير أن أسابيع أبريل الدافئة عوّضت هذا التأخر، فعادت الإطارات ممتلئة ومختومة بالشمع.",
                "استغرق استخلاص العسل أربعة أيام في مشغل التعاونية. وبلغ متوسط المردود نحو تسعة كيلوغرامات للخلية، أي أقل قليلًا من السنة الماضية، لكنه فاق بكثير المخاوف الأولى. والعسل فاتح جدًا تفوح منه رائحة زهر البرتقال، وسيتبلور في غضون أسابيع قليلة ليصبح قوامه طريًا كريميًا، وهو أمر طبيعي تمامًا.",
                "المرطبانات الأولى من المحصول الجديد في طريقها الآن إلى الدار البيضاء، وستكون متوفرة في المتجر وعبر الموقع خلال الأيام المقبلة. وقد عادت الخلايا إلى تلال بزو، حيث ستبقى حتى الربيع القادم.",
            ],
            "fr": [
                "Les ruches sont descendues dans la plaine début mars et ont été installées dans neuf vergers dont les propriétaires s'étaient engagés à ne pas traiter pendant la floraison. Un mois de mars frais et pluvieux a retardé la floraison d'une dizaine de jours, et les femmes ont craint pour la récolte. Les semaines chaudes d'avril ont rattrapé le retard : les cadres sont revenus pleins et operculés.",
                "L'extraction a duré quatre jours dans la miellerie de la coopérative. Le rendement moyen a été d'environ neuf kilos par ruche, un peu moins que l'an dernier, mais bien au-delà des craintes du début. Le miel est très clair, au parfum de fleur d'oranger, et cristallisera d'ici quelques semaines en une texture tendre et crémeuse, ce qui est tout à fait naturel.",
                "Les premiers pots de la nouvelle récolte sont déjà en route pour Casablanca et seront disponibles à la boutique et en ligne dans les prochains jours. Les ruches ont regagné les collines de Bzou, où elles resteront jusqu'au printemps prochain.",
            ],
            "en": [
                "The hives went down to the plain in early March and were placed in nine orchards whose owners had agreed not to spray during flowering. A cool, wet March held back the blossom by about ten days, and the women feared for the harvest. The warm weeks of April made up for it: the frames came back full and capped.",
                "Extraction took four days in the cooperative's honey room. The average yield was about nine kilograms per hive, a little below last year but well above the early fears. The honey is very pale, with the scent of orange blossom, and within a few weeks it will crystallise into a soft, creamy texture, which is entirely natural.",
                "The first jars of the new harvest are already on their way to Casablanca and will be available in the store and online in the coming days. The hives are back in the hills of Bzou, where they will stay until next spring.",
            ],
        },
        "cooperative": "tamount-bzou",
    },
]

STANDARD_PAGES = [
    {
        "slug": {"ar": "man-nahnu", "fr": "qui-sommes-nous", "en": "about"},
        "title": {"ar": "من نحن", "fr": "Qui sommes-nous", "en": "About us"},
        "intro": {
            "ar": "تضامن مؤسسة تسوّق منتجات تعاونيات الاقتصاد الاجتماعي والتضامني، حتى يعيش من يصنعونها عيشًا كريمًا من عملهم.",
            "fr": "Tadamon est une fondation qui commercialise les produits de coopératives de l'économie sociale et solidaire, afin que celles et ceux qui les fabriquent vivent dignement de leur travail.",
            "en": "Tadamon is a foundation that markets the products of social and solidarity economy cooperatives, so that the people who make them can earn a decent living from their work.",
        },
        "body": {
            "ar": [
                "نشتغل مع إحدى عشرة تعاونية وهيئة منتجة شريكة، ثمانٍ منها في إقليم أزيلال وثلاث في تارودانت والبهاليل وقلعة مكونة، وأغلبها تعاونيات نسائية. وتنتج هذه الهيئات العسل والنباتات العطرية والطبية وزيت الأركان والكسكس وماء الورد. ودورنا أن نتكفل بما هو أصعب على تعاونية صغيرة بعيدة عن المدن: إيجاد الزبائن، والتلفيف، والنقل، وتحصيل الأداءات، والإجراءات الإدارية.",
                "نبيع بنظام الإيداع، إذ تبقى المنتجات ملكًا للتعاونية إلى أن تُباع في متجرنا بالدار البيضاء أو عبر هذا الموقع أو في المعارض. وفي نهاية كل شهر، تتوصل كل تعاونية بكشف يفصّل كل عملية بيع، وتتقاضى الحاصل الصافي، أي الثمن الذي أداه الزبون بعد خصم الضريبة على القيمة المضافة وهامش توزيع يختلف حسب نوع البيع. وهذه الهوامش منصوص عليها في كل اتفاقية شراكة، وهي موحدة بالنسبة إلى جميع التعاونيات.",
                "الجودة مسؤولية مشتركة. فكل تعاونية تلتزم بدفتر تحملات يصف طريقة جني منتجاتها وتحويلها وتخزينها، ويمكن تتبع كل دفعة. وتُصنع المنتجات الغذائية في مشاغل مرخصة من طرف المكتب الوطني للسلامة الصحية للمنتجات الغذائية، ونشارك في عمليات المراقبة التي يجريها هذا المكتب ومصالح مراقبة التجارة، ونُطلع التعاونيات المعنية على نتائجها. وإذا رُصد أي خلل، تُسحب الدفعة من البيع إلى حين معالجته.",
            ],
            "fr": [
                "Nous travaillons avec onze coopératives et groupements partenaires, dont huit dans la province d'Azilal et trois à Taroudant, Bhalil et Kelaat M'Gouna. La plupart sont des coopératives féminines. Elles produisent du miel, des plantes aromatiques et médicinales, de l'huile d'argane, du couscous et de l'eau de rose. Notre rôle est de prendre en charge ce qui est le plus difficile pour une petite coopérative éloignée des villes : trouver des clients, emballer, transporter, encaisser et faire les démarches administratives.",
                "Nous vendons en dépôt-vente. Les produits restent la propriété de la coopérative jusqu'à leur vente, dans notre boutique de Casablanca, sur ce site ou dans les salons. À la fin de chaque mois, chaque coopérative reçoit un relevé détaillant chaque vente et perçoit le résultat net : le prix payé par le client, moins la TVA et une marge de distribution qui dépend du type de vente. Ces marges figurent dans chaque convention de partenariat et sont les mêmes pour toutes les coopératives.",
                "La qualité est une responsabilité partagée. Chaque coopérative suit un cahier des charges qui décrit la récolte, la transformation et le stockage de ses produits, et chaque lot est traçable. Les produits alimentaires sont fabriqués dans des ateliers autorisés par l'Office national de sécurité sanitaire des produits alimentaires (ONSSA), et nous participons aux contrôles menés par l'ONSSA et par les services de contrôle du commerce, dont nous partageons les conclusions avec les coopératives concernées. Lorsqu'un problème est constaté, le lot est retiré de la vente jusqu'à ce qu'il soit résolu.",
            ],
            "en": [
                "We work with eleven partner cooperatives and producer groups, eight of them in the province of Azilal and three in Taroudant, Bhalil and Kelaat M'Gouna. Most are women's cooperatives. They make honey, aromatic and medicinal herbs, argan oil, couscous and rose water. Our role is to take on what is hardest for a small cooperative far from the cities: finding customers, packaging, transport, collecting payment and paperwork.",
                "We sell on consignment. The products remain the property of the cooperative until they are sold, in our store in Casablanca, on this website or at fairs. At the end of each month, every cooperative receives a statement listing each sale and is paid the net result: the price paid by the customer, less VAT and a distribution margin that depends on the type of sale. These margins are set out in each partnership agreement and are the same for all cooperatives.",
                "Quality is a shared responsibility. Each cooperative follows a specification book describing how its products are harvested, processed and stored, and every batch can be traced. Food products are made in workshops authorised by ONSSA, the national food safety office, and we take part in the inspections carried out by ONSSA and by the trade control services, whose findings we share with the cooperatives concerned. When a problem is found, the batch is withdrawn from sale until it has been resolved.",
            ],
        },
    },
    {
        "legal": "terms",
        "slug": {
            "ar": "shurut-al-bay",
            "fr": "conditions-generales-de-vente",
            "en": "terms-of-sale",
        },
        "title": {
            "ar": "شروط البيع",
            "fr": "Conditions générales de vente",
            "en": "Terms of sale",
        },
        "intro": {
            "ar": "تسري هذه الشروط على جميع الطلبيات المسجلة عبر هذا الموقع وفي متجرنا.",
            "fr": "Les présentes conditions s'appliquent à toutes les commandes passées sur ce site et dans notre boutique.",
            "en": "These terms apply to all orders placed on this website and in our store.",
        },
        "body": {
            "ar": [
                "الأثمنة معروضة بالدرهم المغربي، وتشمل الضريبة على القيمة المضافة حسب السعر المطبق على كل منتج. وتُعرض مصاريف التوصيل بشكل منفصل قبل تأكيد الطلبية. ويمكنكم الأداء عبر الإنترنت بالبطاقة البنكية من خلال مزود أداء مؤمَّن، أو نقدًا عند التسليم بالنسبة إلى العناوين داخل المغرب. وتُؤكَّد الطلبية عبر البريد الإلكتروني فور قبول الأداء، أو بعد التحقق من معطياتكم هاتفيًا في حالة الأداء عند التسليم.",
                "نوصل الطلبيات إلى جميع أنحاء المغرب، عادة في غضون يومين إلى خمسة أيام عمل، عبر ناقل مؤمَّن. كما نرسل الطلبيات إلى الخارج نحو الوجهات المقترحة عند الطلب، وتُعرض الآجال والمصاريف قبل الأداء، ويتحمل المرسَل إليه الرسوم الجمركية وضرائب الاستيراد إن وُجدت. ويُعرض آخر أجل للتسليم قبل تأكيد الطلبية وفي رسالة التأكيد، ولا يتجاوز ثلاثين يومًا ما لم يُتفق على خلاف ذلك. نرجو منكم فحص الطرد عند تسلمه وتدوين أي ضرر على وصل الناقل.",
                "وفقًا للقانون المغربي المتعلق بحماية المستهلك، تتوفرون على أجل سبعة أيام ابتداءً من تاريخ التسليم لممارسة حق التراجع دون الحاجة إلى تبرير. ويسري هذا الحق على المنتجات غير القابلة للتلف التي تُعاد سليمة في غلافها الأصلي المختوم. ولأسباب تتعلق بالنظافة والسلامة الصحية، لا يسري هذا الحق على المنتجات التي فُتح ختمها. ويمكنكم تقديم طلب التراجع عبر الاستمارة المتوفرة في صفحة طلبيتكم. ويتحمل الزبون مصاريف الإرجاع، ونرد المبالغ المؤداة في غضون خمسة عشر يومًا من تاريخ ممارسة حق التراجع.",
                "لتقديم أي شكاية، يرجى مراسلتنا على العنوان contact@fondation-tadamon.ma أو الاتصال بالمتجر مع ذكر رقم الطلبية، ونجيب في غضون ثلاثة أيام عمل. وإذا كان المنتج معيبًا أو غير مطابق لوصفه، نستبدله أو نرد ثمنه على نفقتنا، ونُبلغ التعاونية المعنية بذلك لتحديد السبب.",
            ],
            "fr": [
                "Les prix sont indiqués en dirhams marocains (MAD), toutes taxes comprises, au taux de TVA applicable à chaque produit. Les frais de livraison sont affichés séparément avant la validation de la commande. Vous pouvez payer en ligne par carte bancaire, via un prestataire de paiement sécurisé, ou en espèces à la livraison pour les adresses au Maroc. La commande est confirmée par e-mail dès que le paiement est accepté ou, pour le paiement à la livraison, après vérification de vos coordonnées par téléphone.",
                "Nous livrons dans tout le Maroc, en général sous deux à cinq jours ouvrables, par un transporteur assuré. Nous expédions aussi à l'étranger vers les destinations proposées lors de la commande ; les délais et les frais sont indiqués avant le paiement, et les éventuels droits de douane et taxes d'importation sont à la charge du destinataire. La date de livraison au plus tard est indiquée avant la validation de la commande et dans sa confirmation ; elle ne dépasse pas trente jours sauf accord contraire. Merci de vérifier votre colis à la livraison et de noter toute avarie sur le bordereau du transporteur.",
                "Conformément à la loi marocaine sur la protection du consommateur, vous disposez d'un délai de sept jours à compter de la livraison pour exercer votre droit de rétractation, sans avoir à vous justifier. Ce droit s'applique aux produits non périssables retournés intacts, dans leur emballage d'origine scellé. Pour des raisons d'hygiène et de sécurité alimentaire, il ne s'applique pas aux produits dont l'opercule a été ouvert. Vous pouvez demander la rétractation avec le formulaire de la page de votre commande. Les frais de retour sont à la charge du client, et nous remboursons les sommes versées dans les quinze jours suivant l'exercice de votre droit de rétractation.",
                "Pour toute réclamation, écrivez à contact@fondation-tadamon.ma ou appelez la boutique en indiquant votre numéro de commande ; nous répondons sous trois jours ouvrables. Si un produit est défectueux ou ne correspond pas à sa description, nous le remplaçons ou le remboursons à nos frais, et nous transmettons l'information à la coopérative concernée afin d'en identifier la cause.",
            ],
            "en": [
                "Prices are shown in Moroccan dirhams (MAD) and include VAT at the rate that applies to each product. Delivery costs are shown separately before you confirm your order. You can pay online by bank card, through a secure payment provider, or in cash on delivery for addresses in Morocco. Your order is confirmed by email once payment has been accepted or, for cash on delivery, once we have checked your details by phone.",
                "We deliver throughout Morocco, usually within two to five working days, by an insured carrier. We also ship abroad to the destinations offered at checkout; delivery times and costs are shown before payment, and any customs duties and import taxes are payable by the recipient. The latest delivery date is shown before you confirm your order and in its confirmation; it is no more than thirty days unless agreed otherwise. Please check your parcel on delivery and note any damage on the carrier's delivery slip.",
                "Under Moroccan consumer protection law, you have seven days from delivery to withdraw from your purchase without giving a reason. This right applies to non-perishable products returned intact, in their sealed original packaging. For reasons of hygiene and food safety, it does not apply to products whose seal has been broken. You can ask to withdraw with the form on your order's page. Return costs are paid by the customer, and we refund the amount paid within fifteen days of your withdrawal.",
                "For any complaint, write to contact@fondation-tadamon.ma or call the store, giving your order number; we reply within three working days. If a product is faulty or does not match its description, we replace or refund it at our expense and pass the information on to the cooperative concerned so that the cause can be found.",
            ],
        },
    },
    {
        "legal": "privacy",
        "slug": {
            "ar": "siyasat-al-khususiya",
            "fr": "politique-de-confidentialite",
            "en": "privacy",
        },
        "title": {
            "ar": "سياسة الخصوصية",
            "fr": "Politique de confidentialité",
            "en": "Privacy policy",
        },
        "intro": {
            "ar": "لا نجمع من المعطيات الشخصية إلا ما نحتاجه لمعالجة طلبياتكم، ولا نبيعها أبدًا.",
            "fr": "Nous ne collectons que les données personnelles nécessaires au traitement de vos commandes, et nous ne les vendons jamais.",
            "en": "We collect only the personal data we need to process your orders, and we never sell it.",
        },
        "body": {
            "ar": [
                "عند تسجيل طلبية، نحتفظ باسمكم وعنوان التسليم ورقم الهاتف والبريد الإلكتروني وتفاصيل الطلبية. ونستعمل هذه المعطيات لتحضير الطلبية وتوصيلها، والتواصل معكم بشأنها، والوفاء بالتزاماتنا المحاسبية. أما الأداء بالبطاقة البنكية فيتولاه مزود خدمات الأداء، ولا نطلع على رقم بطاقتكم ولا نحتفظ به أبدًا. ولا يستعمل الموقع سوى ملفات تعريف الارتباط الضرورية لسلة المشتريات واللغة والجلسة.",
                "تُعالج معطياتكم وفقًا للقانون رقم 09-08 المتعلق بحماية الأشخاص الذاتيين تجاه معالجة المعطيات ذات الطابع الشخصي، وقد صُرّح بهذه المعالجة لدى اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي. ولا نبيع معطياتكم ولا نؤجرها ولا نتبادلها، ولا نُطلع عليها إلا شركة النقل المكلفة بطردكم، وعند الاقتضاء مزود خدمات الأداء، وفي الحدود الضرورية فقط. وتُحفظ الوثائق المحاسبية المتعلقة بالطلبيات لمدة عشر سنوات كما يقتضي القانون، أما باقي المعطيات فتُحذف بعد ثلاث سنوات دون أي طلبية.",
                "يحق لكم الولوج إلى معطياتكم وتصحيحها والتعرض على معالجتها أو طلب حذفها، مع مراعاة الوثائق التي يلزمنا القانون بالاحتفاظ بها. يرجى توجيه طلبكم إلى العنوان privacy@fondation-tadamon.ma أو بالبريد إلى عنوان المتجر، مع ما يثبت هويتكم، ونجيب في غضون ثلاثين يومًا. وإذا لم يرضكم جوابنا، يمكنكم اللجوء إلى اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي.",
            ],
            "fr": [
                "Lorsque vous passez commande, nous conservons vos nom, adresse de livraison, numéro de téléphone, adresse e-mail et le détail de votre commande. Nous les utilisons pour préparer et livrer votre commande, vous contacter à son sujet et respecter nos obligations comptables. Les paiements par carte sont traités par notre prestataire de paiement : nous ne voyons ni ne conservons jamais votre numéro de carte. Le site n'utilise que les cookies nécessaires à votre panier, à votre langue et à votre session.",
                "Vos données sont traitées conformément à la loi 09-08 relative à la protection des personnes physiques à l'égard du traitement des données à caractère personnel, et ce traitement a été déclaré auprès de la Commission nationale de contrôle de la protection des données à caractère personnel (CNDP). Nous ne vendons, ne louons ni n'échangeons vos données. Nous les communiquons uniquement au transporteur chargé de votre colis et, le cas échéant, au prestataire de paiement, dans la stricte mesure nécessaire. Les pièces comptables liées aux commandes sont conservées dix ans, comme l'exige la loi ; les autres données sont supprimées après trois ans sans commande.",
                "Vous pouvez accéder à vos données, les faire rectifier, vous opposer à leur traitement ou demander leur suppression, sous réserve des documents que la loi nous oblige à conserver. Adressez votre demande à privacy@fondation-tadamon.ma, ou par courrier à l'adresse de la boutique, avec un moyen de vous identifier ; nous répondons sous trente jours. Si notre réponse ne vous satisfait pas, vous pouvez saisir la CNDP.",
            ],
            "en": [
                "When you place an order, we keep your name, delivery address, telephone number, email address and the details of your order. We use them to prepare and deliver your order, to contact you about it and to meet our accounting obligations. Card payments are handled by our payment provider: we never see or store your card number. The site uses only the cookies needed for your basket, your language and your session.",
                "Your data is processed in accordance with Law 09-08 on the protection of individuals with regard to the processing of personal data, and this processing has been declared to the National Commission for the Control of Personal Data Protection (CNDP). We do not sell, rent or exchange your data. We share it only with the carrier delivering your parcel and, where applicable, the payment provider, and only as far as necessary. Accounting records for orders are kept for ten years, as the law requires; other data is deleted after three years without an order.",
                "You may access your data, have it corrected, object to its processing or ask for it to be deleted, subject to the records the law requires us to keep. Send your request to privacy@fondation-tadamon.ma, or by post to the store address, with a means of identifying yourself; we reply within thirty days. If you are not satisfied with our answer, you may refer the matter to the CNDP.",
            ],
        },
    },
    {
        "slug": {"ar": "ittasil-bina", "fr": "contact", "en": "contact"},
        "title": {"ar": "اتصل بنا", "fr": "Contact", "en": "Contact"},
        "intro": {
            "ar": "زوروا متجرنا التضامني في الدار البيضاء، أو اتصلوا بنا، أو راسلونا.",
            "fr": "Passez à notre boutique solidaire à Casablanca, appelez-nous ou écrivez-nous.",
            "en": "Visit our solidarity store in Casablanca, call us or write to us.",
        },
        "body": {
            "ar": [
                "يوجد متجرنا التضامني في 18، زنقة السعادة، حي المعاريف، 20330 الدار البيضاء. ويفتح أبوابه من الإثنين إلى السبت من الساعة 10 صباحًا إلى 7:30 مساءً، ويوم الأحد من 10 صباحًا إلى 1 بعد الظهر. ويُغلق في أيام العطل الرسمية، وتُكيَّف أوقات العمل خلال شهر رمضان ويُعلن عنها في هذه الصفحة.",
                "الهاتف: +212 5 22 98 47 16 (خلال أوقات العمل). البريد الإلكتروني: contact@fondation-tadamon.ma. للاستفسار عن طلبية، يرجى ذكر رقمها، ونجيب في غضون ثلاثة أيام عمل.",
                "يمكن للتعاونيات والمحلات التجارية والمطاعم الراغبة في العمل معنا مراسلتنا على العنوان partenariats@fondation-tadamon.ma. ونزور كل تعاونية جديدة قبل توقيع أي اتفاقية، لذا يرجى إخبارنا بمكانكم وبما تنتجونه.",
            ],
            "fr": [
                "Notre boutique solidaire se trouve au 18, rue Assaâda, Maârif, 20330 Casablanca. Elle est ouverte du lundi au samedi de 10 h à 19 h 30, et le dimanche de 10 h à 13 h. Elle est fermée les jours fériés ; pendant le ramadan, les horaires sont adaptés et annoncés sur cette page.",
                "Téléphone : +212 5 22 98 47 16 (aux heures d'ouverture). E-mail : contact@fondation-tadamon.ma. Pour une question sur une commande, merci d'indiquer votre numéro de commande ; nous répondons sous trois jours ouvrables.",
                "Les coopératives, commerces et restaurants qui souhaitent travailler avec nous peuvent écrire à partenariats@fondation-tadamon.ma. Nous rendons visite à chaque nouvelle coopérative avant de signer une convention : dites-nous où vous êtes et ce que vous produisez.",
            ],
            "en": [
                "Our solidarity store is at 18, rue Assaâda, Maârif, 20330 Casablanca. It is open Monday to Saturday from 10 am to 7.30 pm, and on Sunday from 10 am to 1 pm. It is closed on public holidays; during Ramadan, opening hours are adjusted and announced on this page.",
                "Telephone: +212 5 22 98 47 16 (during opening hours). Email: contact@fondation-tadamon.ma. If your question is about an order, please give the order number; we reply within three working days.",
                "Cooperatives, shops and restaurants interested in working with us can write to partenariats@fondation-tadamon.ma. We visit every new cooperative before signing an agreement, so please tell us where you are and what you produce.",
            ],
        },
    },
]

HOME = {
    "hero_heading": {
        "ar": "عسل وأعشاب وزيوت من التعاونيات التي تنتجها",
        "fr": "Le miel, les plantes et les huiles des coopératives qui les produisent",
        "en": "Honey, herbs and oils from the cooperatives that make them",
    },
    "hero_text": {
        "ar": "عسل الزعتر من دمنات، وأعشاب الجبل من وادي آيت بوكماز، وزيت الأركان من تارودانت: كل منتج في متجرنا يأتي من إحدى التعاونيات الإحدى عشرة الشريكة، التي تديرها النساء في أغلبها، وتتقاضى التعاونية مستحقاتها عن كل عملية بيع.",
        "fr": "Miel de thym de Demnate, plantes de montagne de la vallée des Aït Bouguemez, huile d'argane de Taroudant : chaque produit de notre boutique vient de l'une de nos onze coopératives partenaires, pour la plupart dirigées par des femmes, et la coopérative est payée pour chaque vente.",
        "en": "Thyme honey from Demnate, mountain herbs from the Ait Bouguemez valley, argan oil from Taroudant: every product in our store comes from one of eleven partner cooperatives, most of them run by women, and the cooperative is paid for every sale.",
    },
    "featured": ["tifawin-demnate", "aghbalou-ouaouizeght", "afoulki-taroudant"],
}
