"""radiocode installed without extras: the library works, the command names the extra to install."""

import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).parents[1] / "src")


def bare_python(code: str) -> subprocess.CompletedProcess:
    """Python with no site-packages at all (-S), so neither click nor fastapi can be imported."""
    script = f"import sys; sys.path.insert(0, {SRC!r}); " + code
    return subprocess.run([sys.executable, "-S", "-c", script], capture_output=True, text=True, timeout=60)


def test_the_bare_python_really_lacks_the_extras():
    for name in ("click", "fastapi", "jinja2"):
        assert "ModuleNotFoundError" in bare_python(f"import {name}").stderr, name


def test_the_library_works_with_no_dependencies():
    out = bare_python(
        "import radiocode, radiocode.result, radiocode.batch;"
        "print(radiocode.radio_code('A123'), radiocode.read('281150198RT A583').code,"
        " radiocode.result.lookup('A123').to_dict()['family']['name'])"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0086", "0461", "preset6"]


def test_the_command_without_its_extra_says_what_to_install():
    for argv in (["radiocode"], ["radiocode", "code", "A123"]):
        out = bare_python(f"sys.argv = {argv!r}; from radiocode.command import main; main()")
        assert out.returncode == 1
        assert out.stdout == ""
        assert out.stderr == "The radiocode command needs its extra: pip install 'radiocode[cli]'\n"
    # python -m radiocode goes the same way.
    out = bare_python("import runpy; sys.argv = ['radiocode']; runpy.run_module('radiocode', run_name='__main__')")
    assert (out.returncode, out.stderr.count("\n"), "radiocode[cli]" in out.stderr) == (1, 1, True)


def test_the_installed_command_is_the_guarded_entry_point():
    import tomllib

    project = tomllib.loads((Path(SRC).parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["radiocode"] == "radiocode.command:main"
    assert project["project"]["dependencies"] == []
