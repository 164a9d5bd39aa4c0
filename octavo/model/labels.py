"""Every word octavo generates, in the book's language: `Labels`, read from
templates/labels/<lang>.toml and book.toml's [labels] (octavo.source.labels)."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from octavo.model.elision import elide, elided_before, parse_elisions
from octavo.model.language_tags import fallbacks
from octavo.settings import YearMonth

if TYPE_CHECKING:
    from octavo.model.book import Section

__all__ = ["Labels", "alphabetic", "appendix_letter", "roman", "unplain_field"]


@lru_cache(maxsize=1024)
def unplain_field(template: str) -> str | None:
    """The first replacement field of `template` that is not a name alone (`{date}`): one
    with an attribute, an index, a conversion or a format (`{x.__class__}`, `{x[0]}`,
    `{x!r}`, `{x:>9}`), or none (`{}`); None when every field is plain. ValueError for
    unbalanced braces, as str.format."""
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is not None and (not name.isidentifier() or spec or conversion):
            return name
    return None


def roman(number: int) -> str:
    """4 -> 'IV'."""
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while number >= value:
            out, number = out + letters, number - value
    return out


def alphabetic(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA': an appendix's letter, as a spreadsheet's columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# An appendix's letters where a language's standard names them, in turn, then the appendix's
# number (1, 2 … as it counts among the appendices). Russian: GOST 7.32-2017 and GOST
# 2.105-95, capitals but Ё З Й О Ч Ъ Ы Ь, then Latin capitals but I and O. Ukrainian: DSTU
# 3008, capitals but Ґ Є З І Ї Й О Ч Ь (Latin is its alternative, not a sequel). Any other
# language: A, B … Z, AA (`alphabetic`); no rule was found for Belarusian or Bulgarian.
_APPENDIX_LETTERS = {
    "ru": ("АБВГДЕЖИКЛМНПРСТУФХЦШЩЭЮЯ", "ABCDEFGHJKLMNPQRSTUVWXYZ"),
    "uk": ("АБВГДЕЖИКЛМНПРСТУФХЦШЩЮЯ",),
}


def appendix_letter(index: int, language: str) -> str:
    """The letter of the appendix `index` (0 the first) in a book in `language`: 'А', 'Б' …
    in a Russian book ('Приложение А'), 'A', 'B' … 'AA' in an English one."""
    series = next((_APPENDIX_LETTERS[k] for k in fallbacks(language) if k in _APPENDIX_LETTERS), ())
    if not series:
        return alphabetic(index)
    place = index
    for letters in series:
        if place < len(letters):
            return letters[place]
        place -= len(letters)
    return str(index + 1)


def _updated_after(section: Section) -> YearMonth | None:
    """A section's `last_updated` when it is later than its data's date, else None."""
    later = section.last_updated
    return None if later is None or later == section.data_as_of else later


@dataclass(frozen=True, slots=True)
class Labels:
    """Every word octavo generates, in the book's language (templates/labels/<lang>.toml,
    then book.toml's [labels]). What is printed goes through `format`, a label without
    fields too (`labels.format("contents")`: a brace the catalogue writes `{{` is one);
    `labels[key]` is the label as written, for code that reads its fields."""

    language: str
    words: tuple[tuple[str, str], ...]  # key -> text with {placeholders}, sorted
    months: tuple[str, ...]  # 12 names, as in "June 1995"
    months_of: tuple[str, ...]  # 12 names, as in "10 June 1995" (genitive where it differs)

    def __getitem__(self, key: str) -> str:
        return _lookup(self.words, key)

    def format(self, key: str, **values: object) -> str:
        """The label with its values; a value that ends in a period before the label's own
        ('1995 г.' in '… по {newest}.') gives the sentence one, not 'г..'. A field that is
        not a name alone is refused (ValueError): str.format would read an attribute or an
        item of a value (`{x.format.__globals__[…]}` a process's environment), and a
        book's own catalogue is untrusted (octavo.source.labels checks it too: E116)."""
        template = self[key]
        field = unplain_field(template)
        if field is not None:  # str.format reads attributes and items: never a catalogue's
            raise ValueError(f"label {key!r}: placeholder {{{field}}} is not a name alone")
        for name, value in values.items():
            if isinstance(value, str) and value.endswith(".") and f"{{{name}}}." in template:
                values[name] = value[:-1]
        rules = self.elisions
        return elide(template, values, rules) if rules else template.format(**values)

    @property
    def elisions(self) -> tuple[tuple[str, str], ...]:
        """The words that elide before a vowel, as the catalogue's `elisions` says
        ("de=d’": French "Données d’octobre"); () for a language that has none."""
        try:
            return parse_elisions(self["elisions"])
        except KeyError:  # Labels made without it
            return ()

    def around(self, key: str, name: str, value: str) -> tuple[str, str]:
        """The label's words before and after its `{name}`, elided before `value` (a
        handout's "Extrait d’" before its <cite>title</cite>)."""
        before, after, seen = "", "", False
        for words, field in self.parts(key):
            shown = "{" + field + "}" if field and (seen or field != name) else ""
            if seen:
                after += words + shown
            else:
                before, seen = before + words + shown, field == name
        return elided_before(before, value, self.elisions), after

    def parts(self, key: str) -> tuple[tuple[str, str], ...]:
        """The label's words, each with the name of the field after it ("" after the
        last), its `{{` one brace: what a template puts around its own markup where the
        label has a field ("page {number} of {total}" as a page's CSS counters)."""
        parts: list[tuple[str, str]] = []
        for words, name, _, _ in string.Formatter().parse(self[key]):
            if parts and not parts[-1][1]:  # "{{" ends a piece of words without a field
                words = parts.pop()[0] + words
            parts.append((words, name or ""))
        return tuple(parts)

    def capital(self, key: str) -> str:
        """The label opening a sentence: "See also" after an index entry's full stop,
        capitalised as the book's language does ("İlgili" in Turkish; Georgian, which has
        no capitals in text, unchanged)."""
        from octavo.casing import capital

        return capital(self.format(key), self.language)

    def names(self, names: tuple[str, ...]) -> str:
        """People named in a row, the last two joined as the book's language joins them
        (ICU's list patterns): 'A, B, and C', 'A, B y C', 'A, B et C'."""
        return _list_format(self.language).format(list(names)) if names else ""

    def month_year(self, month: YearMonth) -> str:
        """'June 1995' in the book's language and order."""
        return self.format("month_year", month=self.months[month.month - 1], year=month.year)

    def day(self, when: datetime) -> str:
        """'10 June 1995'; the first of a month as the language writes it ('1er juin 1995')."""
        day = self.format("first_of_month") if when.day == 1 else str(when.day)
        return self.format(
            "day_month_year", day=day, month=self.months_of[when.month - 1], year=when.year
        )

    def published(self, date: str) -> str:
        """book.toml's `date` ("1995", "1995-06", "1995-06-10", as E148 takes it) as the
        book's language writes it: '1995', 'June 1995', '10 June 1995' ("" for none)."""
        parts = [int(p) for p in date.split("-")] if date else []
        if len(parts) == 3:
            return self.day(datetime(parts[0], parts[1], parts[2]))
        if len(parts) == 2:
            return self.month_year(YearMonth(parts[0], parts[1]))
        return self.format("year_alone", year=parts[0]) if parts else ""

    def note(self, section: Section) -> str:
        """The data-date note: 'Data as of June 1995.' ("" for a section with no date)."""
        if section.data_as_of is None:
            return ""
        text = self.format("data_as_of", date=self.month_year(section.data_as_of))
        later = _updated_after(section)
        if later is not None:
            text += " " + self.format("last_updated", date=self.month_year(later))
        return text

    def updated(self, section: Section) -> str:
        """'updated September 1995', the data-currency appendix's words for a section
        updated after its data's date (both outputs); "" for one that was not."""
        later = _updated_after(section)
        return "" if later is None else self.format("updated", date=self.month_year(later))

    def chapter(self, number: int) -> str:
        return self.format("chapter_label", number=number)

    def appendix(self, letter: str) -> str:
        return self.format("appendix_label", letter=letter)

    def part(self, number: int) -> str:
        return self.format("part_label", number=roman(number))

    def separator(self, key: str) -> str:
        """The words between `{label}` and `{title}` in a heading's form (': ' of
        'Chapter 8: Government', ' · ' of 'Part I · Belarus'): what sets the label apart
        where a template shows the two apart (the contents, a heading read without styles).
        A space where the book's form does not put the label first."""
        parts = self.parts(key)
        if len(parts) < 2 or parts[0] != ("", "label") or parts[1][1] != "title":
            return " "
        return parts[1][0] or " "


@lru_cache(maxsize=8)
def _list_format(language: str) -> Any:
    import icu

    return icu.ListFormatter.createInstance(icu.Locale(language.replace("-", "_")))


def _lookup(words: tuple[tuple[str, str], ...], key: str) -> str:
    low, high = 0, len(words)
    while low < high:
        middle = (low + high) // 2
        if words[middle][0] < key:
            low = middle + 1
        else:
            high = middle
    if low < len(words) and words[low][0] == key:
        return words[low][1]
    raise KeyError(f"no label {key!r}")
