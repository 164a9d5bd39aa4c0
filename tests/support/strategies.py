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
