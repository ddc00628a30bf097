"""Reference data the demo database is built from, with its sources in ../shared/domain/DOMAIN.md.

Shares are percentages of all 2022 requests; `register` is the number of certificates at the end of 2022
(DOMAIN §5.4, 41 languages, 593 in all). Languages without a register entry are served, if at all, by sworn
interpreters, interpreters in training, crisis interpreters, taalhulpen or the commercial provider; a few rare
ones by nobody, so that "language not on offer" arises by itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """A language of the demo data: codes and names, 2022 demand share, register size, other supply."""

    code: str
    name_nl: str
    name_en: str
    share: float  # % of 2022 requests outside the Ukraine surge
    register: int = 0  # certified interpreters at the end of 2022
    others: int = 0  # non-certified, non-volunteer interpreters (sworn, in training, commercial)


# fmt: off
LANGUAGES: tuple[Language, ...] = (
    Language("ar", "Arabisch-Modern Standaard", "Arabic (Modern Standard)", 23.0, 34, 14),
    Language("ru", "Russisch", "Russian", 6.4, 63, 4),
    Language("tr", "Turks", "Turkish", 8.0, 62, 4),
    Language("ar-ma", "Arabisch-Maghrebijns", "Maghrebi Arabic", 5.5, 25, 3),
    Language("prs", "Dari", "Dari", 5.5, 18, 6),
    Language("ps", "Pasjtoe", "Pashto", 5.0, 11, 5),
    Language("fa", "Farsi", "Farsi (Persian)", 3.4, 17, 3),
    Language("ti", "Tigrinya", "Tigrinya", 3.0, 2, 3),
    Language("ber", "Berbers (Tamazight)", "Berber (Tamazight)", 2.6, 16, 1),
    Language("so", "Somalisch", "Somali", 2.4, 4, 2),
    Language("ro", "Roemeens", "Romanian", 2.0, 16, 2),
    Language("bg", "Bulgaars", "Bulgarian", 2.0, 13, 2),
    Language("sq", "Albanees", "Albanian", 2.0, 20, 1),
    Language("ar-lev", "Arabisch-Levantijns", "Levantine Arabic", 2.0, 7, 2),
    Language("en", "Engels", "English", 1.8, 38, 2),
    Language("fr", "Frans", "French", 1.5, 55, 2),
    Language("pl", "Pools", "Polish", 1.3, 22, 1),
    Language("es", "Spaans", "Spanish", 1.2, 59, 1),
    Language("kmr", "Koerdisch-Kurmanji", "Kurdish (Kurmanji)", 1.0, 2, 2),
    Language("pt", "Portugees", "Portuguese", 1.0, 17, 1),
    Language("hbs", "Bosnisch-Servisch-Kroatisch", "Bosnian-Serbian-Croatian", 0.8, 15, 0),
    Language("ary", "Marokkaans", "Moroccan Arabic (Darija)", 0.8, 0, 2),
    Language("ur", "Urdu", "Urdu", 0.8, 6, 1),
    Language("sk", "Slowaaks", "Slovak", 0.6, 6, 0),
    Language("am", "Amhaars", "Amharic", 0.6, 2, 1),
    Language("ka", "Georgisch", "Georgian", 0.6, 2, 0),
    Language("ckb", "Koerdisch-Sorani", "Kurdish (Sorani)", 0.5, 1, 1),
    Language("hy", "Armeens", "Armenian", 0.5, 2, 0),
    Language("ce", "Tsjetsjeens", "Chechen", 0.5, 2, 0),
    Language("ar-eg", "Arabisch-Egyptisch", "Egyptian Arabic", 0.4, 1, 0),
    Language("pa", "Punjabi", "Punjabi", 0.4, 2, 0),
    Language("hi", "Hindi", "Hindi", 0.4, 6, 0),
    Language("mk", "Macedonisch", "Macedonian", 0.3, 0, 1),
    Language("it", "Italiaans", "Italian", 0.3, 10, 0),
    Language("hu", "Hongaars", "Hungarian", 0.3, 7, 0),
    Language("cs", "Tsjechisch", "Czech", 0.3, 5, 0),
    Language("zh", "Chinees-Mandarijn", "Mandarin Chinese", 0.3, 5, 0),
    Language("ne", "Nepalees", "Nepali", 0.3, 0, 1),
    Language("uk", "Oekraïens", "Ukrainian", 0.1, 2, 0),
    Language("de", "Duits", "German", 0.2, 13, 0),
    Language("lt", "Litouws", "Lithuanian", 0.2, 2, 0),
    Language("ta", "Tamil", "Tamil", 0.2, 0, 1),
    Language("tw", "Twi", "Twi", 0.2, 0, 1),
    Language("ff", "Peul", "Fula", 0.2, 0, 0),
    Language("rom", "Romani", "Romani", 0.2, 0, 0),
    Language("sw", "Swahili", "Swahili", 0.15, 0, 1),
    Language("vi", "Vietnamees", "Vietnamese", 0.15, 1, 0),
    Language("th", "Thais", "Thai", 0.15, 0, 1),
    Language("rw", "Kinyarwanda", "Kinyarwanda", 0.1, 0, 0),
    Language("rn", "Kirundi", "Kirundi", 0.1, 0, 0),
    Language("tl", "Tagalog", "Tagalog", 0.1, 0, 0),
    Language("bo", "Tibetaans", "Tibetan", 0.1, 0, 0),
    Language("inh", "Ingoesjetisch", "Ingush", 0.1, 0, 0),
    Language("el", "Grieks", "Greek", 0.1, 0, 1),
    Language("he", "Hebreeuws", "Hebrew", 0.05, 1, 0),
    Language("lg", "Luganda", "Luganda", 0.05, 0, 0),
    Language("da", "Deens", "Danish", 0.02, 1, 0),
)
# fmt: on

# The Ukraine surge from March 2022 (DOMAIN §5.6): 4,681 Ukrainian-related requests at the Agency in 2022,
# spread over Ukrainian, Russian, Polish and Romanian. Values: extra requests per language in March-December 2022.
UKRAINE_SURGE_2022 = {"uk": 2300, "ru": 1700, "pl": 350, "ro": 330}

# Regional language mix (DOMAIN §5.8, MO course starters by region): multipliers of a language's share.
REGIONAL_LANGUAGE_FACTORS = {
    "tr": {"LIM": 2.2, "OVL": 1.3, "VBR": 1.2, "BRU": 0.9, "ANT": 0.6, "WVL": 0.3},
    "ti": {"ANT": 2.0, "WVL": 1.8, "LIM": 0.4, "OVL": 0.5, "VBR": 0.3, "BRU": 0.2},
    "ro": {"WVL": 2.0, "OVL": 1.6, "VBR": 0.8, "ANT": 0.5, "LIM": 0.2, "BRU": 0.3},
    "pt": {"ANT": 2.0, "WVL": 1.5, "VBR": 0.8, "BRU": 0.4, "LIM": 0.3, "OVL": 0.3},
    "fr": {"BRU": 3.0, "OVL": 1.2, "VBR": 1.2, "WVL": 0.6, "ANT": 0.3, "LIM": 0.4},
    "ary": {"ANT": 2.0, "VBR": 3.0, "LIM": 0.3, "BRU": 0.5, "OVL": 0.2, "WVL": 0.2},
    "ps": {"OVL": 1.6, "WVL": 1.6, "ANT": 1.0, "LIM": 0.6, "BRU": 0.7, "VBR": 0.3},
    "so": {"LIM": 1.6, "VBR": 1.6, "ANT": 1.0, "WVL": 0.4, "OVL": 0.3, "BRU": 0.5},
    "sq": {"ANT": 1.8, "LIM": 1.4, "WVL": 1.2, "OVL": 0.5, "BRU": 0.4, "VBR": 0.3},
    "ru": {"BRU": 1.3, "LIM": 1.3, "OVL": 1.0, "WVL": 1.0, "ANT": 0.9, "VBR": 0.5},
}

# Regions (DOMAIN §1.3, §7.2) with a demand weight: newcomer inflow 2022 (DOMAIN §5.8, fig. 1); Brussels has
# no extract there and gets a weight of its own.
REGIONS = (
    ("ANT", "Provincie Antwerpen", 7657),
    ("BRU", "Brussel", 5200),
    ("LIM", "Limburg", 5917),
    ("OVL", "Oost-Vlaanderen", 5543),
    ("VBR", "Vlaams-Brabant", 9642),
    ("WVL", "West-Vlaanderen", 6961),
)

# Local governments: the municipalities named in the documents (DOMAIN §7.2) and more real ones of the same
# regions. The cities of Antwerp and Ghent are left out: Atlas and Amal serve them, not the Agency (DOMAIN §1.3).
# A weight > 1 marks a larger town; NIS codes only where certain.
LOCAL_GOVERNMENTS = {
    "ANT": [
        ("Mechelen", 4, "12025"),
        ("Turnhout", 2, "13040"),
        ("Boom", 1, None),
        ("Geel", 1.5, None),
        ("Heist-op-den-Berg", 1, None),
        ("Lier", 1.5, None),
        ("Mol", 1, None),
        ("Mortsel", 1, None),
        ("Sint-Katelijne-Waver", 0.8, None),
        ("Willebroek", 1, None),
        ("Berlaar", 0.6, None),
        ("Brasschaat", 1, None),
        ("Schilde", 0.5, None),
        ("Hoogstraten", 0.5, None),
        ("Vorselaar", 0.3, None),
        ("Zandhoven", 0.3, None),
        ("Grobbendonk", 0.3, None),
        ("Nijlen", 0.5, None),
        ("Herentals", 1, None),
        ("Kapellen", 0.7, None),
        ("Schoten", 0.8, None),
        ("Edegem", 0.6, None),
        ("Kontich", 0.6, None),
        ("Duffel", 0.4, None),
        ("Westerlo", 0.5, None),
    ],
    "BRU": [
        ("Brussel", 5, "21004"),
        ("Anderlecht", 3, None),
        ("Schaarbeek", 3, None),
        ("Sint-Jans-Molenbeek", 3, None),
        ("Elsene", 1.5, None),
        ("Etterbeek", 1, None),
        ("Evere", 1, None),
        ("Ganshoren", 0.5, None),
        ("Jette", 1, None),
        ("Koekelberg", 0.7, None),
        ("Oudergem", 0.5, None),
        ("Sint-Agatha-Berchem", 0.6, None),
        ("Sint-Gillis", 1.5, None),
        ("Sint-Joost-ten-Node", 1.5, None),
        ("Sint-Lambrechts-Woluwe", 0.6, None),
        ("Sint-Pieters-Woluwe", 0.4, None),
        ("Ukkel", 0.8, None),
        ("Vorst", 1.2, None),
        ("Watermaal-Bosvoorde", 0.3, None),
    ],
    "LIM": [
        ("Hasselt", 4, "71022"),
        ("Genk", 4, "71016"),
        ("Beringen", 1.5, None),
        ("Dilsen-Stokkem", 0.8, None),
        ("Ham", 0.5, None),
        ("Heusden-Zolder", 1.2, None),
        ("Houthalen-Helchteren", 1.2, None),
        ("Leopoldsburg", 1, None),
        ("Lommel", 1, None),
        ("Maasmechelen", 1.5, None),
        ("Sint-Truiden", 1.5, None),
        ("Tongeren", 0.8, None),
        ("Bilzen", 0.6, None),
        ("Maaseik", 0.6, None),
        ("Tessenderlo", 0.5, None),
    ],
    "OVL": [
        ("Aalst", 3, "41002"),
        ("Sint-Niklaas", 3, "46021"),
        ("Denderleeuw", 1, None),
        ("Geraardsbergen", 1, None),
        ("Lokeren", 1.2, None),
        ("Ninove", 1.2, None),
        ("Ronse", 1, None),
        ("Temse", 0.8, None),
        ("Wetteren", 0.8, None),
        ("Zele", 0.7, None),
        ("Sint-Laureins", 0.3, None),
        ("Oudenaarde", 1, None),
        ("Dendermonde", 1.2, None),
        ("Eeklo", 0.8, None),
        ("Deinze", 0.8, None),
        ("Zottegem", 0.7, None),
        ("Wachtebeke", 0.3, None),
    ],
    "VBR": [
        ("Leuven", 4, "24062"),
        ("Vilvoorde", 3, "23088"),
        ("Halle", 2, "23027"),
        ("Asse", 1.2, None),
        ("Beersel", 0.8, None),
        ("Diest", 1, None),
        ("Dilbeek", 1.5, None),
        ("Grimbergen", 1.2, None),
        ("Landen", 0.5, None),
        ("Liedekerke", 0.8, None),
        ("Machelen", 1, None),
        ("Sint-Pieters-Leeuw", 1.2, None),
        ("Ternat", 0.6, None),
        ("Tervuren", 0.6, None),
        ("Zaventem", 1.2, None),
        ("Zemst", 0.6, None),
        ("Wemmel", 0.6, None),
        ("Tienen", 1.2, None),
        ("Aarschot", 1, None),
        ("Overijse", 0.6, None),
    ],
    "WVL": [
        ("Brugge", 4, "31005"),
        ("Kortrijk", 3.5, "34022"),
        ("Oostende", 3.5, "35013"),
        ("Roeselare", 2.5, "36015"),
        ("Harelbeke", 1, None),
        ("Izegem", 1, None),
        ("Menen", 1.2, None),
        ("Waregem", 1.2, None),
        ("Kuurne", 0.6, None),
        ("Jabbeke", 0.4, None),
        ("Ieper", 1.2, None),
        ("Tielt", 0.7, None),
        ("Poperinge", 0.5, None),
        ("Wevelgem", 0.8, None),
        ("Torhout", 0.7, None),
        ("Diksmuide", 0.4, None),
    ],
}

# Client organisations by sector (DOMAIN §7.3): name patterns filled with a local government's name, with a
# relative demand weight per sector (2022 top five: welfare, public services, education, health, integration).
SECTOR_WEIGHTS = {
    "welfare": 0.27,
    "public_services": 0.18,
    "education": 0.15,
    "health": 0.13,
    "integration": 0.10,
    "asylum_reception": 0.06,
    "mental_health": 0.04,
    "work": 0.03,
    "housing": 0.02,
    "justice": 0.01,
    "other": 0.01,
}
ORGANISATION_PATTERNS = {
    "welfare": [
        "OCMW {lg}",
        "Sociaal Huis {lg}",
        "CAW {lg}",
        "Kind & Gezin regio {lg}",
        "Kinderopvang De Speelboom {lg}",
        "Opvoedingswinkel {lg}",
        "Dienstencentrum {lg}",
    ],
    "public_services": [
        "Gemeente {lg} - Burgerzaken",
        "Politiezone {lg}",
        "Gemeente {lg} - Loket Wonen",
        "Stadsbestuur {lg} - Onthaal",
    ],
    "education": [
        "Basisschool De Regenboog {lg}",
        "OKAN Atheneum {lg}",
        "CLB {lg}",
        "CVO {lg}",
        "Centrum voor Basiseducatie {lg}",
        "Vrije Basisschool Sint-Jozef {lg}",
        "GO! Atheneum {lg}",
    ],
    "health": ["AZ {lg}", "Wijkgezondheidscentrum {lg}", "Huisartsenpraktijk {lg} Centrum", "Medisch Centrum {lg}"],
    "mental_health": ["CGG {lg}", "Centrum Geestelijke Gezondheidszorg {lg}", "Psychiatrisch Centrum {lg}"],
    "asylum_reception": [
        "LOI {lg}",
        "Opvangcentrum Rode Kruis {lg}",
        "Fedasil opvangcentrum {lg}",
        "Caritas opvang {lg}",
    ],
    "integration": [
        "Agentschap Integratie en Inburgering - trajectbegeleiding {lg}",
        "Integratiedienst {lg}",
        "Huis van het Nederlands {lg}",
    ],
    "work": ["VDAB {lg}", "Werkwinkel {lg}"],
    "housing": ["Woonmaatschappij {lg}", "Sociaal verhuurkantoor {lg}"],
    "justice": ["Justitiehuis {lg}"],
    "other": ["Pin vzw {lg}", "vzw Effect {lg}", "Vluchtelingenwerk Vlaanderen - {lg}"],
}
# Organisations per unit of local-government weight, and the share whose sector is left empty (DOMAIN §1.5).
ORGANISATIONS_PER_WEIGHT = 12
EMPTY_SECTOR_SHARE = 0.12
# Languages taalhulpen typically offer in a local pool (DOMAIN §3; 000 §3).
TAALHULP_LANGUAGES = ("ar", "tr", "ru", "uk", "prs", "ps", "fr", "en", "ti", "so", "ar-ma", "ber", "ro", "pl")
