"""A book's own git repository is untrusted too: its configuration, which git reads
whatever octavo asks, runs nothing when octavo takes the book's last commit date."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from octavo import commits
from octavo.commits import ask_ahead, last_commit

SIGNED = "\n".join(
    [
        "tree {tree}",
        "author a <a@b> 1700000000 +0000",
        "committer a <a@b> 1700000000 +0000",
        "gpgsig -----BEGIN PGP SIGNATURE-----",
        " ",  # a header's continuation lines start with a space
        " iQEzBAABCAAdFiEE",
        " -----END PGP SIGNATURE-----",
        "",
        "signed",
        "",
    ]
)


def _git(root: Path, *args: str, given: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    done = subprocess.run(
        ["git", *args], cwd=root, input=given, capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip()


def _signed_book(tmp_path: Path) -> tuple[Path, Path]:
    """A book whose one commit is signed, with `log.showSignature` and a `gpg.program` of
    its own, which leaves the second path if it runs."""
    book, ran = tmp_path / "book", tmp_path / "ran"
    book.mkdir()
    (book / "001-a.md").write_text("text\n", encoding="utf-8")
    program = tmp_path / "gpg.sh"
    program.write_text(f"#!/bin/sh\ntouch {ran}\nexit 0\n", encoding="utf-8")
    program.chmod(0o755)
    _git(book, "init", "-q")
    _git(book, "add", ".")
    tree = _git(book, "write-tree")
    commit = _git(
        book, "hash-object", "-t", "commit", "-w", "--stdin", given=SIGNED.format(tree=tree)
    )
    _git(book, "update-ref", "HEAD", commit)
    _git(book, "config", "log.showSignature", "true")
    _git(book, "config", "gpg.program", str(program))
    return book, ran


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("ahead", [False, True], ids=["asked", "started-ahead"])
def test_a_repositorys_signature_program_never_runs(
    tmp_path: Path, ahead: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A signed commit and `log.showSignature` with a `gpg.program` of the book's: git ran
    that program when octavo asked for the date; git started ahead of the change check
    (octavo.commits.ask_ahead) is the same command."""
    book, ran = _signed_book(tmp_path)
    if ahead:
        ask_ahead(book, None)
        monkeypatch.setattr(commits, "_started", lambda root: None)  # only the one ahead
    found = last_commit(book)
    assert not ran.exists()
    assert found is not None and int(found.timestamp()) == 1700000000
