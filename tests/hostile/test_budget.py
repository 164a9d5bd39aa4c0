"""A book's template cannot make octavo work or hold memory without bound: each render has
a budget of operations and work, and a value a limit of size (octavo.render.budget,
docs/security.md "Bounded work"). Each attack is E702 at its line, the sandbox's own
refusal (SecurityError), and a build it is part of writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.exceptions import SecurityError

from octavo import api, limits
from octavo.errors import BuildError
from octavo.render import budget
from octavo.render.templates import environment
from tests.conftest import ROOT, MakeBook, section_source

SMALL_STEPS = limits.TEMPLATE_STEPS // 100
S = "{% set s = 'x' * 1000000 %}"  # a long string, well under the value limit
ATTACKS = {  # id: a line of a template, run with a small budget (small_budget)
    # operations: loops, calls, recursion
    "nested-loops": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
    "{% endfor %}",
    "loop-over-long-string": S + "{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "filtered-loop": "{% for i in range(100000) %}{% for j in range(100000) if false %}"
    "{% endfor %}{% endfor %}",
    "macro-fanout": "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}"
    "{% endmacro %}{{ f(40) }}",
    "recursive-loop": "{% for x in range(1000) recursive %}{{ loop(range(1000)) "
    "if loop.depth < 4 }}{% endfor %}",
    "caller-fanout": "{% macro f(n) %}{% if n %}{% call f(n - 1) %}x{% endcall %}"
    "{% call f(n - 1) %}x{% endcall %}{% endif %}{{ caller() }}{% endmacro %}"
    "{% call f(40) %}x{% endcall %}",
    "slice-count": "{{ [1]|slice(10**9)|list|length }}",
    "fat-loop-body": "{% for i in range(100000) %}{% for j in range(100000) %}"
    + "{{ i }}" * 200
    + "{% endfor %}{% endfor %}",
    # work: what is output, read and made over a render
    "output-repeated": S + "{% for i in range(100000) %}{{ s }}{% endfor %}",
    "literal-repeated": "{% for i in range(100000) %}{% for j in range(100) %}"
    + "x" * 10000
    + "{% endfor %}{% endfor %}",
    "include-repeated": "{% for i in range(100000) %}{% include 'big.html' %}{% endfor %}",
    "include-without-context": "{% for i in range(100000) %}"
    "{% include 'big.html' without context %}{% endfor %}",
    "membership-in-loop": "{% set l = range(100000)|list %}{% for i in range(100000) %}"
    "{% if -1 in l %}{% endif %}{% endfor %}",
    "filter-in-loop": S + "{% for i in range(100000) %}{{ s|wordcount }}{% endfor %}",
    "method-in-loop": S + "{% for i in range(100000) %}{{ s.count('y') }}{% endfor %}",
    "wordwrap-long-word": "{{ ('x' * 3000000)|wordwrap(1)|length }}",
    # one value: checked before it is made where small arguments make it large
    "string-times": "{{ ('x' * 10**8)|length }}",
    "list-times": "{{ ([1] * 10**8)|length }}",
    "power": "{{ (2 ** (10 ** 9)) % 7 }}",
    "power-5000-digits": "{{ 10 ** 5000 }}",
    "product-of-numbers": "{{ (10 ** 3000) * (10 ** 3000) }}",
    "namespace-doubling": "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "namespace-plus": "{% set ns = namespace(s=[1]) %}{% for i in range(60) %}"
    "{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "macro-doubling": "{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s|length }}"
    "{% endmacro %}{{ d('x', 60) }}",
    "center": "{{ ''|center(10**10) }}",
    "center-method": "{{ ''.center(10**10) }}",
    "zfill-method": "{{ '1'.zfill(10**10) }}",
    "expandtabs-method": "{{ ('\\t' * 100000).expandtabs(100000) }}",
    "printf-width": "{{ '%10000000000s' % '' }}",
    "printf-star": "{{ '%*s' % (10**10, '') }}",
    "format-filter": "{{ '%10000000000s'|format('') }}",
    "str-format": "{{ '{:>10000000000}'.format('') }}",
    "format-map": "{{ '{x:>10000000000}'.format_map({'x': ''}) }}",
    "replace-empty": "{% set s = 'x' * 10000 %}{{ s|replace('', s) }}",
    "replace-method": "{% set s = 'x' * 10000 %}{{ s.replace('', s) }}",
    "indent": "{{ ('\\n' * 100000)|indent(100000) }}",
    "wordwrap-separator": "{{ ('x ' * 100000)|wordwrap(1, wrapstring='y' * 100000) }}",
    "join-separator": "{{ range(100000)|join('x' * 100000) }}",
    "join-method": "{{ ('x' * 100000).join(range(100000)|map('string')) }}",
    "batch-fill": "{{ [1]|batch(10**9, 'x')|list }}",
    "sum-of-lists": "{{ ([[1] * 1000] * 20000)|sum(start=[]) }}",
    "translate-method": "{{ ('x' * 100000).translate({120: 'y' * 100000}) }}",
    "split-method": "{{ (',' * 10000000).split(',')|length }}",
    "to-bytes": "{{ (1).to_bytes(10**10, 'big') }}",
    "lipsum": "{{ lipsum(100000, min=100000, max=100000) }}",
    "tojson-indent": "{{ [[[[1]]]]|tojson(indent=10**9) }}",
    "sort-lowered": S + "{{ ([s] * 1000)|sort }}",
    "unique-lowered": S + "{{ ([s] * 1000)|unique|list }}",
    # a list holding one long string many times, printed
    "list-printed": S + "{{ [s] * 1000 }}",
    "list-concatenated": S + "{{ ([s] * 1000) ~ '' }}",
    "list-string-filter": S + "{{ ([s] * 1000)|string }}",
    "list-escaped": S + "{{ ([s] * 1000)|e }}",
    "list-pprint": S + "{{ ([s] * 1000)|pprint }}",
    "list-joined": S + "{{ ([[s] * 1000] * 100)|join }}",
    "list-in-dict-xmlattr": S + "{{ {'a': [s] * 1000}|xmlattr }}",
    "list-lower-test": S + "{{ ([s] * 1000) is lower }}",
}


@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A hundredth of the operations and of the work: the same counting, sooner (the
    limits' own size: test_the_reported_attack_stops_under_the_real_limits)."""
    monkeypatch.setattr(budget, "TEMPLATE_STEPS", SMALL_STEPS)
    monkeypatch.setattr(budget, "TEMPLATE_WORK", limits.TEMPLATE_WORK // 100)


@pytest.mark.usefixtures("small_budget")
@pytest.mark.parametrize("attack", list(ATTACKS.values()), ids=list(ATTACKS))
def test_an_attack_is_E702_at_its_line(tmp_path: Path, attack: str) -> None:
    (tmp_path / "big.html").write_text("x" * 1_000_000)
    (tmp_path / "attack.html").write_text("<p>A template.</p>\n" + attack + "\n")
    with pytest.raises(BuildError) as refused:
        environment((tmp_path,)).get_template("attack.html").render()
    [found] = refused.value.diagnostics
    assert found.code == "E702" and found.line == 2
    assert found.file is not None and found.file.name == "attack.html"
    assert isinstance(refused.value.__cause__, SecurityError)


@pytest.fixture
def book(make_book: MakeBook) -> Path:
    return make_book({"001-a.md": section_source(1, total=1)})


def _colophon(book: Path, line: str) -> None:
    """The book's own colophon: octavo's, with `line` after its notes (line 2 of it)."""
    shipped = (ROOT / "templates" / "epub" / "colophon.xhtml").read_text()
    path = book / "templates" / "epub" / "colophon.xhtml"
    path.parent.mkdir(parents=True, exist_ok=True)
    notes = '<p>{{ labels.format("colophon_notes") }}</p>'
    assert notes in shipped
    path.write_text(shipped.replace(notes, notes + "\n" + line + "\n"))


def _line_of(book: Path, line: str) -> int:
    text = (book / "templates" / "epub" / "colophon.xhtml").read_text()
    return text[: text.index(line)].count("\n") + 1


@pytest.mark.parametrize(
    "line",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{{ ('x' * 10**8)|length }}",
    ],
    ids=["nested-loops", "string-times"],
)
def test_the_reported_attack_stops_under_the_real_limits(
    book: Path, tmp_path: Path, line: str
) -> None:
    """The user's report: 10^10 turns of a loop in the colophon ran until killed; a
    string of 10^8 characters was made. Both are E702 at the colophon's line, in a second
    or two, and the EPUB is not written."""
    _colophon(book, line)
    out = tmp_path / "b.epub"
    with pytest.raises(BuildError) as refused:
        api.build_epub(book, out)
    [found] = refused.value.diagnostics
    assert found.code == "E702" and found.line == _line_of(book, line)
    assert found.file is not None and found.file.name == "colophon.xhtml"
    assert not out.exists()


def test_a_print_template_over_budget_writes_no_pdf(book: Path, tmp_path: Path) -> None:
    shipped = (ROOT / "templates" / "print" / "book.html").read_text()
    path = book / "templates" / "print" / "book.html"
    path.parent.mkdir(parents=True)
    path.write_text("{{ ''|center(10**10) }}\n" + shipped)
    out = tmp_path / "b.pdf"
    with pytest.raises(BuildError) as refused:
        api.build_pdf(book, out)
    assert [(d.code, d.line) for d in refused.value.diagnostics] == [("E702", 1)]
    assert not out.exists()


class _Book:
    """A book's data as octavo's model gives it: a property made again at each read."""

    @property
    def sections(self) -> tuple[int, ...]:
        return tuple(range(10_000))


@pytest.mark.usefixtures("small_budget")
def test_a_property_read_in_a_loop_is_spent(tmp_path: Path) -> None:
    """`ms.sections` gathers every section of the book at each read: read in a loop,
    it is work no `{{ }}` shows."""
    (tmp_path / "t.html").write_text(
        "{% for i in range(100000) %}{% set n = book.sections %}{% endfor %}"
    )
    with pytest.raises(BuildError) as refused:
        environment((tmp_path,)).get_template("t.html").render(book=_Book())
    assert isinstance(refused.value.__cause__, SecurityError)


@pytest.mark.usefixtures("small_budget")
def test_many_chapters_share_one_budget(make_book: MakeBook, tmp_path: Path) -> None:
    """The EPUB renders a document a chapter: a chapter's template spending a third of a
    render's budget passes in each, not in twenty of them (budget.one_output)."""
    book = make_book({f"{n:03}-a.md": section_source(n, chapter=n, total=20) for n in range(1, 21)})
    turns = SMALL_STEPS // 3 // 2  # two operations a turn: the turn, its `{{ }}`
    shipped = (ROOT / "templates" / "epub" / "chapter.xhtml").read_text()
    path = book / "templates" / "epub" / "chapter.xhtml"
    path.parent.mkdir(parents=True)
    burn = f"{{% for i in range({turns}) %}}{{{{ '' }}}}{{% endfor %}}"
    path.write_text(shipped.replace("{%- block body -%}", "{%- block body -%}" + burn, 1))
    out = tmp_path / "b.epub"
    with pytest.raises(BuildError) as refused:
        api.build_epub(book, out, jobs=1)
    [found] = refused.value.diagnostics
    assert found.code == "E702" and found.file is not None and found.file.name == "chapter.xhtml"
    assert "one output" in found.message
    assert not out.exists()


def test_what_the_sandbox_refused_before_still_is(tmp_path: Path) -> None:
    """Jinja's own range limit and Python's recursion limit stay as they were."""
    for name, source in {"range": "{{ range(10**6)|list }}", "self": "{{ m() }}"}.items():
        text = "{% macro m() %}{{ m() }}{% endmacro %}\n" + source
        (tmp_path / f"{name}.html").write_text(text)
        with pytest.raises(BuildError) as refused:
            environment((tmp_path,)).get_template(f"{name}.html").render()
        assert [d.code for d in refused.value.diagnostics] == ["E702"]
