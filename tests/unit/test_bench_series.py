"""The bench's series measure: each study's output folder is made before it is written
(the bench removes the folders between runs, and `--out` into a missing folder is E133:
a whole `invoke bench` ended in a traceback after 34 minutes of measuring so)."""

from __future__ import annotations

from pathlib import Path

from octavo.dev.scenarios import one_by_one


def test_each_output_folder_is_made_before_the_study_writes_into_it(tmp_path: Path) -> None:
    books = [tmp_path / f"series-{i}" / "study-81" for i in range(3)]
    outs = [tmp_path / f"series-out-{i}" for i in range(3)]
    bash, flag, script = one_by_one(books, outs)
    assert (bash, flag) == ("bash", "-c")
    for out in outs:
        assert isinstance(script, str)
        made, written = script.index(f"mkdir -p {out} "), script.index(f"--out {out}/")
        assert made < written
