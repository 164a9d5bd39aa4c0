"""The EPUB's stylesheets as reading systems parse them: custom properties resolved at build time.

styles/base.css is the one source of truth for colours and faces (`:root { --ink: … }`),
and WeasyPrint reads it as written. Many reading systems do not: calibre's CSS parser
rejects `--name:` declarations and `var()` (an error per use in every conversion log), and
Kindle and Adobe RMSDK-class engines drop the whole declaration, so the font choice is lost.
So the EPUB gets the same sheets with every `var()` replaced by its value and every custom
property declaration removed (tinycss2, WeasyPrint's own CSS parser, does the tokenising).

Definitions come from `:root` (or `html`) rules, in sheet order, a later one winning, as
a browser would for those rules; custom properties set on other selectors are dropped
(a reading system could not honour their scoping either). A `var()` with no definition
uses its fallback, or is an error (E706) naming the sheet and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tinycss2
from tinycss2 import ast

from octavo.errors import Diagnostic, Failure, error

__all__ = ["Sheet", "StyleError", "reading_system_css"]

# At-rules whose block holds rules, not declarations.
_RULE_BLOCKS = frozenset({"media", "supports", "document", "layer", "container"})
_ROOTS = frozenset({":root", "html"})
_MAX_DEPTH = 32  # var() chains longer than this are a cycle


@dataclass(frozen=True, slots=True)
class Sheet:
    path: Path  # where it was found (a book's own styles/ or octavo's), for messages
    css: str


class StyleError(Failure, ValueError):
    """A stylesheet cannot be resolved for the EPUB (an undefined or cyclic var()): E706."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")

    def diagnostic(self) -> Diagnostic:
        return error(
            "E706",
            f"stylesheet: {self.message}",
            self.path,
            self.line,
            hint="define it in :root { … } of styles/base.css, or give var() a fallback",
        )


def reading_system_css(sheets: Sequence[Sheet]) -> tuple[str, ...]:
    """Each sheet with custom properties resolved and removed, in the same order."""
    parsed = [(s.path, _parse(s.css)) for s in sheets]
    defined: dict[str, tuple[Path, list[Any]]] = {}
    for path, rules in parsed:
        for rule in _qualified(rules):
            if tinycss2.serialize(rule.prelude).strip().lower() in _ROOTS:
                for item in _block(rule.content):
                    if isinstance(item, ast.Declaration) and item.name.startswith("--"):
                        defined[item.name] = (path, _trim(item.value))
    return tuple(
        tinycss2.serialize(_rules(rules, _Resolver(path, defined))) for path, rules in parsed
    )


def _parse(css: str) -> list[Any]:
    return list(tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=False))


def _block(content: list[Any] | None) -> list[Any]:
    return list(
        tinycss2.parse_blocks_contents(content or [], skip_comments=False, skip_whitespace=False)
    )


def _qualified(rules: Iterable[Any]) -> Iterable[ast.QualifiedRule]:
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            yield rule
        elif isinstance(rule, ast.AtRule) and rule.lower_at_keyword in _RULE_BLOCKS:
            yield from _qualified(tinycss2.parse_rule_list(rule.content or [], skip_comments=False))


def _trim(tokens: list[Any]) -> list[Any]:
    start, end = 0, len(tokens)
    while start < end and tokens[start].type in ("whitespace", "comment"):
        start += 1
    while end > start and tokens[end - 1].type in ("whitespace", "comment"):
        end -= 1
    return tokens[start:end]


class _Resolver:
    def __init__(self, path: Path, defined: Mapping[str, tuple[Path, list[Any]]]) -> None:
        self.path, self.defined = path, defined

    def tokens(self, tokens: Iterable[Any], depth: int = 0) -> list[Any]:
        out: list[Any] = []
        for token in tokens:
            if isinstance(token, ast.FunctionBlock) and token.lower_name == "var":
                out += self.var(token, depth)
            elif isinstance(token, ast.FunctionBlock):
                args = self.tokens(token.arguments, depth)
                out.append(
                    ast.FunctionBlock(token.source_line, token.source_column, token.name, args)
                )
            elif isinstance(token, (ast.ParenthesesBlock, ast.SquareBracketsBlock)):
                content = self.tokens(token.content, depth)
                out.append(type(token)(token.source_line, token.source_column, content))
            else:
                out.append(token)
        return out

    def var(self, token: ast.FunctionBlock, depth: int) -> list[Any]:
        args = _trim(token.arguments)
        name = args[0].value if args and args[0].type == "ident" else ""
        if depth > _MAX_DEPTH:
            raise StyleError(self.path, token.source_line, f"var({name}) refers to itself")
        if name in self.defined:
            return self.tokens(self.defined[name][1], depth + 1)
        comma = next((i for i, t in enumerate(args) if t == ","), None)
        if comma is not None:
            return self.tokens(_trim(args[comma + 1 :]), depth + 1)
        raise StyleError(
            self.path,
            token.source_line,
            f"var({name or '?'}) is not defined in a :root rule and has no fallback",
        )


def _rules(rules: Iterable[Any], resolve: _Resolver) -> list[Any]:
    out: list[Any] = []
    for rule in rules:
        if isinstance(rule, ast.ParseError):
            continue  # a reading system drops it as well; keep the rest
        if isinstance(rule, (ast.QualifiedRule, ast.AtRule)) and rule.content is not None:
            nested = isinstance(rule, ast.AtRule) and rule.lower_at_keyword in _RULE_BLOCKS
            if nested:
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=False)
                content = _rules(inner, resolve)
            else:
                content = _declarations(_block(rule.content), resolve)
            if not _trim(content):  # `:root { --ink: … }` is empty now: leave no `:root {}`
                while out and out[-1].type == "whitespace":
                    out.pop()
                continue
            out.append(_with_content(rule, content, resolve))
        else:
            out.append(rule)
    return out


def _with_content(rule: Any, content: list[Any], resolve: _Resolver) -> Any:
    prelude = resolve.tokens(rule.prelude)
    if isinstance(rule, ast.AtRule):
        line, column, keyword = rule.source_line, rule.source_column, rule.at_keyword
        return ast.AtRule(line, column, keyword, rule.lower_at_keyword, prelude, content)
    return ast.QualifiedRule(rule.source_line, rule.source_column, prelude, content)


def _declarations(items: list[Any], resolve: _Resolver) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, ast.Declaration):
            if item.name.startswith("--"):
                while out and out[-1].type == "whitespace":
                    out.pop()
                continue
            value = resolve.tokens(item.value)
            text = f"{item.name}:{tinycss2.serialize(value).rstrip()}"
            text += " !important;" if item.important else ";"
            out += tinycss2.parse_component_value_list(text)
        elif isinstance(item, (ast.QualifiedRule, ast.AtRule)):
            out += _rules([item], resolve)
        elif not isinstance(item, ast.ParseError):
            out.append(item)
    return out
