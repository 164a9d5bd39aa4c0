"""Language tags as octavo looks things up by them (a labels catalogue, a language's marks).

`fallbacks` reads a tag's parts by their shapes in BCP 47 (RFC 5646 §2.1: a script is four
letters, a region two letters or three figures), which needs no registry: langcodes, which
checks a tag against the registry, costs more to load than a section takes to render.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["fallbacks", "tag_key"]

_PARTS = re.compile(
    r"(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"  # with its extended subtags
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
    r"(?P<rest>(?:-[a-z0-9]{1,8})*)"  # variants, extensions, private use
)


def tag_key(language: str) -> str:
    """'de_CH ' -> 'de-ch': a tag as octavo keys it (a catalogue's file name, a table's key)."""
    return language.strip().lower().replace("_", "-")


@lru_cache(maxsize=256)
def fallbacks(language: str) -> tuple[str, ...]:
    """The keys a tag is looked for by, first first: the whole tag; without its script
    (de-Latn-CH -> de-ch, zh-Hant-TW -> zh-tw); its language and region; its language and
    script (zh-Hant-HK -> zh-hant); its language; its primary language subtag."""
    tag = tag_key(language)
    parts = _PARTS.fullmatch(tag)
    if parts is None:  # not a tag of that grammar (x-private, i-grandfathered)
        return tuple(dict.fromkeys((tag, tag.split("-")[0])))
    lang, script, region, rest = parts.group("language", "script", "region", "rest")
    keys = [tag, "-".join(p for p in (lang, region) if p) + rest]
    if region:
        keys.append(f"{lang}-{region}")
    if script:
        keys.append(f"{lang}-{script}")
    keys += [lang, lang.split("-")[0]]
    return tuple(dict.fromkeys(keys))
