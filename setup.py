"""Ship the top-level knowledge/ folder inside the wheel as bot/knowledge/.

The knowledge base is data that people edit at the top of the repository; an installed
wheel has no repository, so the build copies it next to the code (see bot/engine/knowledge.py).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithKnowledge(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).parent / "knowledge"
        target = Path(self.build_lib) / "bot" / "knowledge"
        shutil.copytree(source, target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithKnowledge})
