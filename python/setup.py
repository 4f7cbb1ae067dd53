"""Build hook: records where this NetMoE checkout is, so the installed package finds its jars.

`pip install ./python` builds from this directory in place; the checkout is its parent. The path is
written into netmoe_gym/_home.py of the built package; NETMOE_HOME overrides it at run time.
"""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class RecordHome(build_py):
    def run(self):
        super().run()
        home = Path(__file__).resolve().parent.parent
        target = Path(self.build_lib) / "netmoe_gym" / "_home.py"
        target.write_text(f"HOME = {str(home)!r}\n")


setup(cmdclass={"build_py": RecordHome})
