"""Where octavo's own templates/ and styles/ (the fonts included) are.

They live at the top of the repository. A wheel ships them inside the package, as
octavo/templates/ and octavo/styles/ (setup.py copies them there when it builds); an
installed octavo finds them through importlib.resources. Run from a checkout (an editable
install, or PYTHONPATH), the package holds no copy, and they are read where they are.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["CHECKOUT", "PACKAGE", "STYLES", "TEMPLATES", "shipped"]

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
