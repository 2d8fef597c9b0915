"""Build hook: ship the bundled data (templates/, phrasebanks/, examples/) inside the package.

The data stays at the top of the repository, where curators and the drift tests
expect it; a wheel carries a copy under drafter/_data, which drafter.resources
finds with importlib.resources wherever pip put the package (--user, --target,
--prefix, a distro layout). All other metadata is in pyproject.toml.
"""

from pathlib import Path
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = {"templates": ("*.yaml", "*.j2"), "phrasebanks": ("*.yaml",), "examples": ("*.yaml",)}


class BuildWithData(build_py):
    def run(self):
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's folders directly
            return
        root = Path(__file__).resolve().parent
        for folder, patterns in BUNDLED.items():
            target = Path(self.build_lib) / "drafter" / "_data" / folder
            target.mkdir(parents=True, exist_ok=True)
            for pattern in patterns:
                for path in sorted((root / folder).glob(pattern)):
                    shutil.copyfile(path, target / path.name)


setup(cmdclass={"build_py": BuildWithData})
