"""The table of site profiles, one entry a site; see tests/data/pages/README.md for the
real pages each entry was written from."""

from __future__ import annotations

from octavo.importers.profiles import Profile, rx

__all__ = ["GENERIC", "SITES"]

# Title shapes several sites share. 'country' is a capitalised name of one to three words.
_C = r"(?P<country>[A-Z][a-z'’]+(?:[ -](?:and|[A-Z][a-z'’]+)){0,2}?)"
COLON = rx(rf"(?-i)\s*{_C}:\s+(?P<title>\S.*?)\s*")  # 'Belarus: Russia'
DASH = rx(rf"(?-i)\s*{_C}\s*[-–—]\s*(?P<title>[A-Z].*?)\s*")  # 'Nepal - Preface', 'Nepal-The Rana'
GLUED = rx(rf"(?-i)\s*{_C} ?(?P<title>[A-Z][A-Z ,&'’/()-]{{3,}}?)\s*")  # 'NepalTRANSPORTATION'
SPACED = rx(rf"(?-i)\s*{_C} (?P<title>[A-Z].*?)\s*")  # 'Belarus Ethnic Composition'

# countrystudies.us: the section's title over the link to the study's contents;
# country-data.com's contents line is under 'Country Listing' (and over the title)
_ABOVE_CONTENTS = rx(r"(?!\s*Country Listing\s*$)\s*\S.{0,79}")[0]
_CONTENTS = rx(r"\s*.{1,60}\S Table of Contents\s*")[0]

SITES = (
    Profile(
        name="loc.gov",
        site="lcweb2.loc.gov/frd/cs and memory.loc.gov (the Library of Congress)",
        hosts=("lcweb2.loc.gov", "memory.loc.gov", "loc.gov/frd/cs", "loc.gov/rr/frd"),
        marks=rx(
            r"\s*Skip Navigation Links\b.*",
            r"\s*Country Studies - Federal Research Division, Library of Congress\s*",
            r"\s*Legal \| External Link Disclaimer\s*",
            r"\s*Search the Country Studies.*",
        ),
        titles=COLON + DASH,
        chrome=rx(
            r"\s*Skip Navigation Links.*",
            r"\s*Country Studies - Federal Research Division, Library of Congress\s*",
            r"\s*(?:The Library of Congress|Home)\s*>>.*",
            r"\s*Top of Page(?: Top of Page)?\s*",
            r"\s*[A-Z][a-z]+ \d{1,2}, \d{4}\s*",  # the page's date, in its footer
            r"\s*Search the Country Studies.*",
            r"\s*Legal \| External Link Disclaimer\s*",
            r"\s*Contact Us\s*",
        ),
        body_end=rx(r"\s*Top of Page(?: Top of Page)?\s*"),
    ),
    Profile(
        name="geoba.se",
        site="fact.geoba.se (with or without the 'Country: Title' line)",
        hosts=("geoba.se",),
        marks=rx(
            r"\s*Country Stud(?:y|ies)\s*>.*",
            r"\s*Convert to Any Currency\s*",
            r"\s*Locator Map\s*",
            r"\s*We're always looking for ways to make\b.*",
        ),
        titles=COLON,
        chrome=rx(
            r"\s*We're always looking for ways to make\b.*",
            r"\s*National Flag\s*",
            r"\s*\(p\.\)\s.*",
            r"\s*Convert to Any Currency\s*",
            r"\s*Locator Map\s*",
        ),
        body_end=rx(r"\s*Convert to Any Currency\s*", r"\s*Locator Map\s*"),
    ),
    Profile(
        name="countrystudies.us",
        site="countrystudies.us",
        hosts=("countrystudies.us",),
        file_names=rx(r"\d+\.html?"),  # 49.htm
        marks=rx(r"\s*Source: U\.?S\.? Library of Congress\.?\s*"),
        heads=((_ABOVE_CONTENTS, _CONTENTS),),
        titles=COLON + DASH,
        title_is_last_header_line=True,
    ),
    Profile(
        name="country-data.com",
        site="country-data.com",
        hosts=("country-data.com",),
        marks=rx(r"\s*Country Listing\s*"),
        title_after_country=True,
        title_is_last_header_line=True,
    ),
    Profile(
        name="country-studies.com",
        site="country-studies.com",
        hosts=("country-studies.com",),
        marks=rx(
            r"\s*\S.{0,40} Country Studies index\s*",
            r"\s*Country Studies main page\s*",
            r"\s*You can read more regarding this subject on the following websites:\s*",
        ),
        titles=DASH + SPACED,
        chrome=rx(r"\s*\S.{0,40} Country Studies index\s*", r"\s*Country Studies main page\s*"),
        body_end=rx(r"\s*You can read more regarding this subject on the following websites:\s*"),
    ),
    Profile(
        name="allrefer",
        site="reference.allrefer.com country-guide-study",
        hosts=("allrefer.com",),
        marks=rx(
            r"\s*You are here -allRefer.*",
            r"\s*allRefer\b.*",
            r"\s*-- Country Study & Guide --\s*",
            r"(?-i)\s*[A-Z][a-z]+(?: [A-Z][a-z]+)* ?[A-Z][A-Z ,&'/()-]{6,}\s*",
        ),
        titles=GLUED,
        chrome=rx(
            r"\s*You are here -allRefer.*",
            r"\s*allRefer\b.*",
            r"\s*-- Country Study & Guide --\s*",
            r"\s*Country Guide\s*",
        ),
        title_after_country=True,
    ),
    Profile(
        name="tripod",
        site="countries*.tripod.com",
        hosts=("tripod.com",),
        file_names=rx(r"(?-i)c[A-Z][a-z]+\d+\.(?:html?|txt)"),  # cNepal8.htm
    ),
    Profile(
        name="photius",
        site="photius.com/countries",
        hosts=("photius.com",),
        subject_in_name=True,
        marks=rx(
            r".*\bSources: The Library of Congress Country Studies; CIA World Factbook\s*",
            r"\s*NOTE: The information regarding .+ is re-published from The Library of .+",
            r".*Flags of the World Maps of All Countries.*",
        ),
        titles=rx(
            rf"(?-i)[\s.|]*(?:!\[\]\(\)\s*)*{_C} (?P<title>.+?) https?://\S+ Sources: .*",
        )
        + SPACED,
        chrome=rx(
            r"\s*Open menu Close menu.*",
            r"[\s.]*Support our Sponsor\s*",
            r".*Flags of the World Maps of All Countries.*",
            r"\s*Sources: The Library of Congress Country Studies; CIA World Factbook\s*",
            r"\s*<<\s*Back to .*",
        ),
    ),
    Profile(
        name="mongabay",
        site="data.mongabay.com/reference/country_studies and mongabay.com/history",
        hosts=("mongabay.com",),
        marks=rx(
            r".*\bMongabay on Facebook\b.*",
            r"\s*Rainforests \| Tropical fish\b.*",
            r"\s*Mongabay\.com seeks to raise interest\b.*",
        ),
        titles=DASH,
        chrome=rx(
            r".*\bMongabay on Facebook\b.*",
            r"\s*Rainforests \| Tropical fish\b.*",
            r"\s*Mongabay\.com seeks to raise interest\b.*",
            r"(?-i)\s*[A-Z][A-Z &]{2,}\s*",  # the study's menu: HISTORY, PEOPLE & SOCIETY
            r"\s*\S.{0,40} Index\s*",
        ),
    ),
)

GENERIC = Profile(
    name="generic",
    site="any other page: the common chrome dropped, any 'Data as of' read",
    titles=COLON + DASH,
    title_is_last_header_line=True,
)
