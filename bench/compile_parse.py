"""Compile a copy of the parser with Cython, to measure what compiling it (with no type
declarations) would buy: a what-if, not a build step of the project.

    git worktree add /tmp/compiled HEAD
    pip install --target /tmp/cython cython==3.3.0      # not a dependency of pressroom
    PYTHONPATH=/tmp/cython .venv/bin/python bench/compile_parse.py /tmp/compiled
    .venv/bin/python bench/parse.py --against /tmp/compiled --rounds 4

Every module of ``pressroom/parse`` but its ``__init__`` and `SKIPPED`, and ``pressroom/text.py``,
is compiled in place in TREE (a ``.so`` beside each ``.py``, which Python imports first). The
annotations are not read as C types (``annotation_typing=False``): the code stays the Python it is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: modules left in Python: the role model's compiled module crashed the interpreter (Cython 3.3.0)
SKIPPED = ("rolemodel.py",)


def main(tree: str) -> None:
    from Cython.Build import cythonize
    from setuptools import setup

    root = Path(tree).resolve()
    modules = [
        str(p.relative_to(root))
        for p in sorted((root / "pressroom" / "parse").glob("*.py"))
        if p.name != "__init__.py" and p.name not in SKIPPED
    ] + ["pressroom/text.py"]
    os.chdir(root)
    setup(
        name="pressroom-compiled-parse",
        ext_modules=cythonize(
            modules,
            language_level=3,
            quiet=True,
            compiler_directives={"binding": True, "annotation_typing": False},
        ),
        script_args=["build_ext", "--inplace", "-j", "2"],
    )
    print(f"compiled {len(modules)} modules in {root}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: bench/compile_parse.py TREE")
    main(sys.argv[1])
