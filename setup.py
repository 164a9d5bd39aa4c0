"""Ships the repository's templates/ and styles/ (fonts included) inside the wheel.

They stay at the top of the repository, where a reader of the README finds them; a wheel
carries them as octavo/templates/ and octavo/styles/, found by octavo.shipped through
importlib.resources. An editable install copies nothing: octavo reads them in the checkout.
Everything else is in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("templates", "styles")


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in SHIPPED:
            self.copy_tree(name, str(Path(self.build_lib) / "octavo" / name))


setup(cmdclass={"build_py": BuildPy})
