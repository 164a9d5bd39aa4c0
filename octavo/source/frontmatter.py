"""YAML front matter: safe loader, no aliases, a size limit, and the line of each key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode

from octavo.source.plain_fields import plain_fields

__all__ = ["MAX_FRONT_MATTER", "FrontMatter", "FrontMatterError", "split_front_matter"]

MAX_FRONT_MATTER = 64 * 1024


class FrontMatterError(Exception):
    def __init__(self, code: str, message: str, line: int, hint: str = ""):
        super().__init__(message)
        self.code, self.message, self.line, self.hint = code, message, line, hint


@dataclass(frozen=True, slots=True)
class FrontMatter:
    data: dict[str, Any]
    key_lines: dict[str, int]  # 1-based line in the file
    body: str
    body_line: int


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAX_INT_DIGITS = 32


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """The safe loader, with numbers parsed safely: an integer of more than 32 digits stays
    the text it is (then reported as "must be a whole number"), never a 5,000-digit int."""


def _int(loader: Any, node: Any) -> object:
    text = str(node.value)
    if len(text.replace("_", "").lstrip("+-")) > _MAX_INT_DIGITS:
        return text
    return _Base.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:int", _int)


_QUOTED_VALUE = re.compile(r"""^[^\s#"'][^:#]*:[ \t]+(["'])(.*)$""")


def _unclosed_quote(lines: list[str]) -> int | None:
    """The first of `lines` (0-based; those up to the line YAML failed on) whose value
    opens a quote that runs on over a line written as a field of its own: a title written
    `title: "Alpha` took the next fields into it, and the error showed on the line where
    YAML met the next quote. A value quoted over two lines (`"Alpha` then `  beta"`) is
    YAML's, and not blamed for an error further on."""
    index = 0
    while index < len(lines):
        match = _QUOTED_VALUE.match(lines[index])
        index += 1
        if match is None or _closes(match[1], match[2]):
            continue
        for at in range(index, len(lines)):
            if _QUOTED_VALUE.match(lines[at]) or _FIELD.match(lines[at]):
                return index - 1  # a field's line read as the value's words
            if _closes(match[1], lines[at]):
                index = at + 1
                break
    return None


_FIELD = re.compile(r"^[^\s#\"'-][^:#]*:(?:[ \t]|$)")  # `chapter: 1`, `parents:`


def _closes(quote: str, text: str) -> bool:
    """Does `text` hold the quote (`"` or `'`) that closes a value?"""
    if quote == '"':
        return re.search(r'(?<!\\)(?:\\\\)*"', text) is not None
    return "'" in text.replace("''", "")  # '' is a quote within


# what the YAML of a section's fields gets wrong: a title with a colon, a bracket, a hash
_YAML_HINT = (
    'quote a value holding ": ", " #" or a leading [ { * & @, e.g. title: "Russia: Trade",'
    " on that line or the one above it"
)


def _refuse_aliases(source: str) -> None:
    """Anchors and aliases have no place in front matter; refusing them stops YAML bombs."""
    for event in yaml.parse(source, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise FrontMatterError(
                "E203",
                "front matter uses YAML anchors or aliases",
                (event.start_mark.line if event.start_mark else 0) + 2,
                "write the values out in full",
            )


def split_front_matter(text: str) -> FrontMatter:
    """Split '---\\nYAML\\n---\\nbody' and load the YAML; raise FrontMatterError."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(
            "E201",
            "no front matter: the file must start with a '---' line",
            1,
            "see the book format in the README; every Markdown file of the book folder and "
            "its subfolders is a section: keep notes and drafts in a folder whose name "
            "begins with '_' (_drafts/)",
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise FrontMatterError(
            "E201",
            "front matter is not closed by a '---' line",
            1,
            "end the fields with a line of three dashes, '---', before the body",
        )
    source = "\n".join(lines[1:end])
    if len(source) > MAX_FRONT_MATTER:
        raise FrontMatterError("E202", f"front matter is over {MAX_FRONT_MATTER // 1024} KiB", 2)
    plain = plain_fields(source)  # read as YAML reads it, without its parser
    if plain is not None:
        return FrontMatter(plain[0], plain[1], "\n".join(lines[end + 1 :]), end + 2)
    loader = _Loader(source)
    try:
        if "&" in source or "*" in source:  # an anchor or alias needs one: else no second parse
            _refuse_aliases(source)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2
        opened = _unclosed_quote(source.split("\n")[: line - 1])
        if opened is not None:  # YAML read the quote on to a later line, and failed there
            raise FrontMatterError(
                "E202",
                f"front matter is not valid YAML: the quote that opens this value is not "
                f"closed on its line (YAML read on to line {line}: {exc.problem})",
                opened + 2,
                "close the quote on this line",
            ) from exc
        raise FrontMatterError(
            "E202", f"front matter is not valid YAML: {exc.problem}", line, _YAML_HINT
        ) from exc
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise FrontMatterError(
            "E202", f"front matter is not valid YAML: {exc}", 2, _YAML_HINT
        ) from exc
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise FrontMatterError("E202", "front matter must be a mapping of 'field: value' lines", 2)
    key_lines: dict[str, int] = {}
    if isinstance(node, MappingNode):
        for key, _ in node.value:  # YAML keeps the last of a key given twice, silently
            if str(key.value) in key_lines:
                raise FrontMatterError(
                    "E202",
                    f"front matter gives '{key.value}' twice",
                    key.start_mark.line + 2,
                    f"keep one '{key.value}:' line",
                )
            key_lines[str(key.value)] = key.start_mark.line + 2
    body_line = end + 2
    body = "\n".join(lines[end + 1 :])
    return FrontMatter({str(k): v for k, v in data.items()}, key_lines, body, body_line)
