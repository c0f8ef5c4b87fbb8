import radiocode


def test_all_is_pinned():
    assert radiocode.__all__ == [
        "__version__", "read", "Reading", "Candidate", "radio_code", "validate", "is_valid",
        "table", "entry_steps", "FAMILIES", "DEFAULT_FAMILY", "lockout_waits",
        "ValidationError", "InvalidFormat", "InvalidLength", "EmptyInput", "InputTooLong",
        "InvalidCharacters", "InvalidComponent", "NonexistentPrecode", "NotAPrecode",
        "NotComputable", "NoPrecodeFound", "RADIOS", "NotASerial", "AmbiguousRadio",
        "UnknownRadio", "UnsettledInput",
    ]  # fmt: skip
    for name in radiocode.__all__:
        assert hasattr(radiocode, name), name


def test_core_has_no_third_party_imports():
    import subprocess
    import sys

    # Modules loaded at start-up (site hooks) are the baseline, not ours.
    script = (
        "import sys; before = set(sys.modules);"
        "import radiocode, radiocode.reading, radiocode.batch, radiocode.kinds;"
        "third = {m.split('.')[0] for m in set(sys.modules) - before} - set(sys.stdlib_module_names);"
        "print(sorted(third - {'radiocode'}))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
