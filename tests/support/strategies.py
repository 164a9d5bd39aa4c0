"""Hypothesis strategies shared by the unit fuzz tests and the fuzz-to-outputs tests."""

from __future__ import annotations

from hypothesis import strategies as st

any_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)
html_bits = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<b onclick='x()'>b",
        "</i>",
        "<img src='file:///etc/passwd'>",
        "<iframe src='http://127.0.0.1:1/'>",
        "&amp;",
        "&nbsp;",
        "&#0;",
        "&#x1F600;",
        "&bogus;",
        "<sup>2</sup>",
        "<!-- c -->",
        "<![CDATA[x]]>",
        "<a href='javascript:x'>",
        "**",
        "_",
        "`",
        "[link](http://10.0.0.1/)",
        "![i](../../etc/passwd)",
        "\x00",
        "\x0b",
        "\ufffe",
        "> ",
        "- ",
        "1. ",
        "# ",
        "\n\n",
        "    code",
        "<div>",
        "</div>",
        "<span lang='be'>",
        "<?php x ?>",
    ]
)
markdown_bodies = st.lists(st.one_of(any_text, html_bits), max_size=30).map("".join)
# pandoc constructs, whole and in pieces, to run into each other and into raw HTML
construct_bits = st.sampled_from(
    [
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
        "\nTable: Cap {#tbl:x}\n",
        ": Cap\n",
        '![Cap *x*](images/m.png){#fig:m width="50%" credit="C"}',
        "![](m.png)",
        "{#id .c k=v}",
        "{#bad id}",
        "[^n]",
        "\n[^n]: Note *t*.\n",
        "^[inline]",
        "Term\n: Def\n",
        "@tbl:x",
        "@fig:none",
        "[](#x){.page}",
        "[s]{#s .index}",
        "[l](058-a.md#x)",
        "# H {#h}\n",
        "| line\n",
        "::: div\n",
        "$x$",
        "H~2~O ^3^ ~~s~~",
        "<table><tr><th scope='col' colspan='2'>h</th></tr></table>",
        "<td rowspan='99999'>",
    ]
)
construct_bodies = st.lists(st.one_of(any_text, html_bits, construct_bits), max_size=30).map(
    "".join
)
