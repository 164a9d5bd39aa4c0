"""The template budget (octavo.render.budget, budget_code, budget_env, budget_checks): it
counts without changing what a template makes, and octavo's own templates stay far
inside it. The attacks it stops: tests/hostile/test_budget.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jinja2 import FileSystemLoader, StrictUndefined, nodes, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from octavo import limits
from octavo.api.opened import sources
from octavo.dev.gen import generate_study
from octavo.errors import BuildError
from octavo.render import budget
from octavo.render.budget import Budget, Counted, size, text
from octavo.render.budget_code import weigh
from octavo.render.epub.book import render_epub
from octavo.render.pdf.document import PdfOptions, render_print_html
from octavo.render.templates import environment


@pytest.mark.parametrize(
    "value",
    [
        [],
        (),
        {},
        set(),
        frozenset(),
        [1, "a", None, 2.5, True],
        (1,),
        ("a", ("b",), [("c", "d")]),
        {"k": [1, {"x": (2,)}], 3: "v"},
        {1, 2},
        frozenset({"a"}),
        [Markup("<b>"), "it's", 'say "x"'],
        [[[]], [[1]]],
    ],
    ids=lambda v: repr(v)[:24],
)
def test_a_value_prints_as_python_prints_it(value: Any) -> None:
    assert text(value) == str(value)


def test_sizes_are_characters_items_and_digits() -> None:
    assert (size("abc"), size(Markup("ab")), size(b"abcd")) == (3, 2, 4)
    assert (size([1, 2]), size({"a": 1}), size((1,))) == (16, 8, 8)
    assert size(10**99) == 100 and size(None) == 0 and size(object()) == 0


SAME = [
    "{% for x in items %}{{ loop.index }}/{{ loop.length }}:{{ x }} {% endfor %}",
    "{% for x in items if x > 1 %}{{ x }}{% else %}none{% endfor %}",
    "{% for x in items|select('odd') %}{{ loop.length }}{{ loop.last }}{% endfor %}",
    "{% for x in tree recursive %}[{{ x.n }}{{ loop(x.kids) }}]{% endfor %}",
    "{{ items|join(', ') }} {{ people|join('; ', attribute='name') }} {{ [1, '<a>']|join }}",
    "{{ items|sum }} {{ people|sum(attribute='age') }} {{ [[1], [2, 3]]|sum(start=[]) }}",
    "{{ ((1,), (2,))|sum(start=()) }} {{ [[1], [2]]|sum(start=[0]) }}",
    "{{ words|sort }} {{ words|sort(case_sensitive=true) }} {{ people|sort(attribute='name') }}",
    "{{ words|unique|list }} {{ words|max }} {{ words|min(case_sensitive=true) }}",
    "{% for g in people|groupby('age') %}{{ g.grouper }}={{ g.list|length }} {% endfor %}",
    "{{ {'b': 1, 'A': 2}|dictsort }} {{ {'b': 1, 'A': 2}|dictsort(by='value') }}",
    "{{ items|batch(2, 0)|list }} {{ items|slice(2)|list }} {{ items|map('string')|list }}",
    "{{ 'a' ~ 1 ~ none ~ [1, 'b'] ~ '<i>' }} {{ bold|safe ~ '<i>' ~ bold }}",
    "{{ 'x' * 3 }} {{ [1] * 2 }} {{ 2 ** 10 }} {{ 7 % 3 }} {{ '%s-%05.1f' % ('a', 2.5) }}",
    "{{ 1 + 2 }} {{ 'a' + 'b' }} {{ [1] + [2] }} {{ 5 - 2 }} {{ 7 // 2 }} {{ 7 / 2 }}",
    "{{ 'abc'[1:] }} {{ items[::-1] }} {{ 'a-b'.split('-') }} {{ ','.join(['a', 'b']) }}",
    "{{ 'x'|center(5) }}|{{ 'x'.ljust(3) }}|{{ 'a\nb'|indent(2, true) }}|{{ '1'.zfill(3) }}",
    "{{ 'a b c'|wordwrap(3) }} {{ 'aaa'|replace('a', 'bb', 2) }} {{ 'a'.replace('a', 'c') }}",
    "{{ '%s and %s'|format('a', 'b') }} {{ '{} {x}'.format(1, x=2) }} {{ 'x'|e }}",
    "{{ 2 in items }} {{ 'b' in 'abc' }} {{ items == [1, 2, 3] }} {{ 1 < 2 < 3 }}",
    "{{ {'a': 1}|tojson }} {{ [1, 2]|tojson(indent=2) }} {{ {'a': [1]}|pprint }}",
    "{{ {'class': 'x', 'id': 'y'}|xmlattr }} {{ 'see http://x.org'|urlize }}",
    "{{ items|first }}{{ items|last }}{{ items|length }}{{ items|reverse|list }}",
    "{% macro m(a) %}<{{ a }}{{ caller() }}>{% endmacro %}{% call m(2) %}c{% endcall %}"
    "{% macro n(a) %}[{{ a }}]{% endmacro %}{{ n(1) }}",
    "{% set ns = namespace(n=0) %}{% for x in items %}{% set ns.n = ns.n + x %}{% endfor %}"
    "{{ ns.n }}",
    "{% set x %}block {{ items }}{% endset %}{{ x }}{% filter upper %}up{% endfilter %}",
    "{{ 'a' is lower }} {{ items is sequence }} {{ 3 is divisibleby 3 }} {{ x is undefined }}",
    "{{ range(3)|list }} {{ dict(a=1) }} {{ (1).to_bytes(2, 'big') }} {{ 'ab'.expandtabs() }}",
]
CONTEXT = {
    "items": [1, 2, 3],
    "words": ["b", "A", "a", "C"],
    "people": [{"name": "Ann", "age": 30}, {"name": "bob", "age": 30}, {"name": "Cy", "age": 9}],
    "bold": "<b>",
    "tree": [{"n": 1, "kids": [{"n": 2, "kids": []}]}, {"n": 3, "kids": []}],
}


@pytest.mark.parametrize("source", SAME, ids=range(len(SAME)))
@pytest.mark.parametrize("autoescape", [True, False], ids=["html", "text"])
def test_a_template_renders_as_in_jinjas_own_sandbox(
    source: str, autoescape: bool, tmp_path: Path
) -> None:
    name = "t.html" if autoescape else "t.txt"
    (tmp_path / name).write_text(source)
    ours = environment((tmp_path,)).get_template(name).render(CONTEXT)
    jinja = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(tmp_path),
        autoescape=select_autoescape(["html"], default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    assert ours == jinja.get_template(name).render(CONTEXT)


def test_a_body_weighs_its_nodes_and_text_not_a_nested_loops() -> None:
    [outer] = (
        ImmutableSandboxedEnvironment()
        .parse("{% for x in y %}ab{{ x }}{% for z in x %}cdef{% endfor %}{% endfor %}")
        .body
    )
    assert isinstance(outer, nodes.For)
    ops, chars = weigh(outer.body)
    assert chars == 2  # "cdef" is the inner loop's
    inner_alone = weigh([n for n in outer.body if not isinstance(n, nodes.For)])[0]
    assert ops == inner_alone + 2  # the inner loop and its iterable, not its turns
    assert weigh([])[0] == 0


def test_a_sum_of_lists_and_tuples_fails_as_pythons(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("{{ [[1], (2,)]|sum(start=[]) }}")
    with pytest.raises(BuildError) as failed:
        environment((tmp_path,)).get_template("t.html").render()
    assert isinstance(failed.value.__cause__, TypeError)


def test_nothing_is_counted_outside_a_render(tmp_path: Path) -> None:
    """A template runs only in `render`, whose budget it spends: a generator would run
    after it; a hook called outside a render is octavo's mistake, said at once."""
    (tmp_path / "t.html").write_text("{{ 1 }}")
    template = environment((tmp_path,)).get_template("t.html")
    with pytest.raises(TypeError):
        list(template.generate())
    with pytest.raises(RuntimeError):
        list(Counted([1]))


def test_a_recursive_loop_counts_its_inner_turns(tmp_path: Path) -> None:
    used: list[Budget] = []

    class Kept(Budget):
        def __init__(self, steps: int, work: int, cut: tuple[bool, bool] = (False, False)):
            super().__init__(steps, work, cut)
            used.append(self)

    (tmp_path / "t.html").write_text("{% for x in t recursive %}{{ loop(x) }}{% endfor %}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(budget, "Budget", Kept)
        template = environment((tmp_path,)).get_template("t.html")
        template.render(t=[[[]]])
        shallow = limits.TEMPLATE_STEPS - used[-1].steps
        template.render(t=[[[[[[[]]]]]]])
        deep = limits.TEMPLATE_STEPS - used[-1].steps
    assert deep > shallow


def test_the_renders_of_one_output_share_its_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "TEMPLATE_STEPS", 3000)
    (tmp_path / "t.html").write_text("{% for i in range(1000) %}{% endfor %}")
    template = environment((tmp_path,)).get_template("t.html")
    for _ in range(10):  # each render its own budget
        template.render()
    with budget.one_output():
        for _ in range(budget.OUTPUT_SHARE * 3 - 1):
            template.render()
        with pytest.raises(BuildError) as refused:
            template.render()
    assert "one output" in refused.value.diagnostics[0].message


def _render_both(book: Path) -> None:
    given = sources(book, False)
    rendered, _ = given.manuscript()
    config = rendered.book.config
    render_epub(rendered, None)
    render_print_html(rendered, PdfOptions(config.paper, False, config.margins, config.bleed))


@pytest.mark.slow
def test_an_800_section_study_needs_a_tenth_of_the_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The largest book octavo's benches build (`invoke gen-study --sections 800
    --rich`): its EPUB and its print HTML (one render of the whole book) within a tenth
    of the operations and of the work; measured, about a fortieth and a twentieth."""
    book = generate_study(tmp_path / "study", 800, 1, 600, True, True)
    monkeypatch.setattr(budget, "TEMPLATE_STEPS", limits.TEMPLATE_STEPS // 10)
    monkeypatch.setattr(budget, "TEMPLATE_WORK", limits.TEMPLATE_WORK // 10)
    _render_both(book)
