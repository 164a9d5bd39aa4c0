"""Where octavo's own templates/ and styles/ (the fonts included) are.

The faces octavo lays text out in itself (the EPUB's drawn cover, a print running head's
cut, a title's fit to its page) are the shipped Linux Libertine's, in FONTS, named here.

They live at the top of the repository. A wheel ships them inside the package, as
octavo/templates/ and octavo/styles/ (setup.py copies them there when it builds); an
installed octavo finds them through importlib.resources. Run from a checkout (an editable
install, or PYTHONPATH), the package holds no copy, and they are read where they are.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = [
    "BOLD_FACE",
    "CHECKOUT",
    "FONTS",
    "ITALIC_FACE",
    "PACKAGE",
    "REGULAR_FACE",
    "STYLES",
    "TEMPLATES",
    "shipped",
]

PACKAGE = Path(__file__).resolve().parent  # octavo's code
CHECKOUT = PACKAGE.parent  # a source checkout: octavo/, templates/, styles/ side by side


def shipped(name: str) -> Path:
    """octavo's own folder `name` ('templates' or 'styles'): the copy inside the installed
    package if there is one, else the folder at the top of the checkout."""
    inside = files("octavo") / name
    if inside.is_dir():
        return Path(str(inside)).resolve()
    return CHECKOUT / name


TEMPLATES = shipped("templates")
STYLES = shipped("styles")
FONTS = STYLES / "fonts"
# the shipped faces, by file name in a fonts folder (FONTS)
REGULAR_FACE = "LinLibertine_R.otf"
ITALIC_FACE = "LinLibertine_RI.otf"
BOLD_FACE = "LinLibertine_RB.otf"
