"""A WeasyPrint step run with its failures told (`guarded`): a sandbox refusal
(octavo.render.url_sandbox) becomes its diagnostic, WeasyPrint stopping on something a book
gave it E623 with where it stopped; octavo's own exceptions keep their tracebacks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from octavo.errors import BuildError, diagnose, error

__all__ = ["guarded"]


def guarded(action: Any) -> Any:
    """Run a WeasyPrint step; a sandbox refusal becomes a BuildError, and so does WeasyPrint
    stopping on something a book gave it (E623: a style it cannot draw, such as a gradient
    of `device-cmyk()` colours, was a traceback). An exception raised in octavo's own code
    (its patches of WeasyPrint included) keeps its traceback: that is octavo's bug."""
    from weasyprint.urls import FatalURLFetchingError

    try:
        return action()
    except FatalURLFetchingError as exc:
        diagnostic = getattr(exc, "diagnostic", None)
        if diagnostic is None:
            raise
        raise BuildError([diagnostic]) from exc
    except BuildError:
        raise
    except Exception as exc:
        if diagnose(exc) is not None:
            raise  # the error boundary tells it (octavo.errors.boundary)
        where = _stopped_in(exc)
        if where is None:
            raise
        said = f": {str(exc)[:200]}" if str(exc) else ""
        raise BuildError(
            [
                error(
                    "E623",
                    f"WeasyPrint stopped while making the PDF: {type(exc).__name__}{said}, "
                    f"in {where}",
                    hint="a style WeasyPrint cannot draw may be the cause (device-cmyk() "
                    "in a gradient, say): build without the book's styles/ to find it; "
                    "`invoke --debug` shows where it stopped",
                )
            ]
        ) from exc


def _stopped_in(exc: BaseException) -> str | None:
    """Where in a library an exception was raised ('tinycss2/color4.py:139'): the
    innermost frame outside Python's own modules; None when that frame is octavo's."""
    import sysconfig
    import traceback

    paths = sysconfig.get_paths()
    stdlib = Path(paths["stdlib"]).resolve()
    libraries = {Path(paths[k]).resolve() for k in ("purelib", "platlib")}  # within stdlib

    def python_own(name: str) -> bool:
        path = Path(name).resolve()
        return path.is_relative_to(stdlib) and not any(map(path.is_relative_to, libraries))

    own = Path(__file__).resolve().parents[1]  # the octavo package
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename]
    outside = [f for f in frames if not python_own(f.filename)]
    if not outside:
        return None
    last = Path(outside[-1].filename).resolve()
    if last.is_relative_to(own):
        return None
    shown = "/".join(last.parts[-2:])
    return f"{shown}:{outside[-1].lineno}"
