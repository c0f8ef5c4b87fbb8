"""The ``radiocode`` command: single lookups, batch CSV, the table, the website."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import click

from radiocode import __version__, radios
from radiocode.batch import BINARY, BatchError, annotate
from radiocode.exceptions import InvalidCharacters, ValidationError
from radiocode.families import DEFAULT_FAMILY, FAMILIES
from radiocode.i18n import Message, N_
from radiocode.lockout import KEEP_ON, MAX_TRIES, lockout_waits
from radiocode.precode import table as precode_table
from radiocode.reading import Reading
from radiocode.result import Result, result_of
from radiocode.web import hosts

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UndecodableText(InvalidCharacters):
    """Text from the command line or a terminal that holds bytes that are not text in its encoding.

    Python keeps such bytes as lone surrogates ("A12\\x80" arrives as "A12\\udc80"):
    no precode holds them, and no UTF-8 output can print them.
    """

    message = N_(
        "Type it again with plain letters and digits, like A123: %(what)s holds bytes that are "
        "not UTF-8 text (%(bytes)s). Check that your terminal or file uses UTF-8."
    )


def _surrogate_bytes(text: str) -> str | None:
    """The undecodable bytes in `text` as 0x80, 0xff (other lone surrogates as U+D800); None when it has none."""
    found = []
    for char in text:
        point = ord(char)
        if 0xD800 <= point <= 0xDFFF:
            shown = f"0x{point - 0xDC00:02x}" if 0xDC80 <= point <= 0xDCFF else f"U+{point:04X}"
            if shown not in found:
                found.append(shown)
    return ", ".join(found) if found else None


def _check_decodable(text: str | None, what: str, as_json: bool = False) -> None:
    """Exit 1 with a clear message when `text` holds undecodable bytes (lone surrogates)."""
    shown = _surrogate_bytes(text) if text else None
    if shown is not None:
        _fail(UndecodableText(what=what, bytes=shown), as_json)


def _printable(text: str) -> str:
    """`text` with any lone surrogate written as its escape, so no output stream refuses it."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _print_json(data: Any) -> None:
    # A lone surrogate becomes the JSON escape \udc80, which JSON readers accept.
    click.echo(_printable(json.dumps(data, ensure_ascii=False, indent=2)))


def _fail(error: ValidationError, as_json: bool = False) -> None:
    """Report `error` (stdout JSON or stderr text) and exit with status 1."""
    if as_json:
        _print_json({"error": {"type": error.type, "message": str(error)}})
    else:
        click.echo(_printable(f"Error: {error}"), err=True)
    sys.exit(1)


def _show_result(result: Result) -> None:
    reading = result.reading
    click.echo(click.style(f"Code: {reading.code}", bold=True))
    click.echo(reading.message())
    if reading.alternatives:
        click.echo("\nCheck your label. Each reading gives a different code:")
        for candidate in reading.candidates:
            hint = f"  ({candidate.hint})" if candidate.hint else ""
            click.echo(f"  {candidate.precode} -> {candidate.code}{hint}")
    click.echo(f"\nHow to enter it ({result.family.title}):")
    for number, step in enumerate(result.steps, start=1):
        click.echo(f"  {number}. {step}")
    click.echo("\nA wrong code locks the radio for a while. " + str(KEEP_ON))


class RadioName(click.ParamType):
    """A radio id (ford-m), a make (fiat) or an old family name (stalk); refused with the known names."""

    name = "radio"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            radios.resolve(value)
        except ValidationError as error:
            self.fail(str(error), param, ctx)
        return str(value)


def _show_other_radios(reading: Reading, err: bool = False) -> None:
    """The readings of the radios that read the same input differently."""
    for other in reading.by_radio:
        radio = radios.RADIOS[other.radio] if other.radio else None
        name = f"{other.radio} ({radio.name})" if radio else str(other.radio)
        click.echo(f"  {name}: {other.code if other.code else other.message()}", err=err)


def _show_radio_reading(reading: Reading) -> None:
    """A code read for a radio other than Renault: the code, how to enter it, the lockout, the evidence."""
    radio = radios.RADIOS[reading.radio]
    click.echo(click.style(f"Code: {reading.code}", bold=True))
    click.echo(reading.message())
    variant = radio.default_variant
    if variant.known:
        click.echo(f"\nHow to enter it ({variant.title}):")
        for number, step in enumerate(variant.steps(reading.code), start=1):
            click.echo(f"  {number}. {step}")
    else:
        click.echo("\n" + " ".join(map(str, variant.steps(reading.code))))
    click.echo("\nIf the radio locks after wrong codes:")
    for claim in radio.lockout:
        click.echo(f"  - {claim.text}")
    for disagreement in radio.disagreements:
        sides = " / ".join(str(side.text) for side in disagreement.sides)
        click.echo(f"  - The sources disagree. {disagreement.topic}: {sides}")
        if disagreement.advice:
            click.echo(f"    {disagreement.advice}")
    click.echo(f"\nHow we know this code is right: {radio.evidence.summary}")


@contextlib.contextmanager
def _usage_error_exits_1() -> Iterator[None]:
    try:
        yield
    except click.UsageError as error:
        error.exit_code = 1
        raise


class _Commands(click.Group):
    """Click's group, with every usage error (unknown option, bad value) exiting with status 1 like any other bad input."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _usage_error_exits_1():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _usage_error_exits_1():
            return super().invoke(ctx)


@click.group(cls=_Commands, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="radiocode")
def main() -> None:
    """Get the code for a locked car radio: Renault, Dacia, Ford M-series, Fiat.

    \b
    Examples:
      radiocode code A123
      radiocode code M140687
      radiocode code 2063 --radio fiat-vp
      radiocode code "281150198RT A583" --family stalk
      radiocode radios
      radiocode batch fleet.csv -o fleet-codes.csv
      radiocode serve
    """


@main.command(context_settings=CONTEXT)
@click.argument("text")
@click.option(
    "--family",
    "family_name",
    type=click.Choice(list(FAMILIES)),
    default=None,
    help=f"How a Renault radio takes the code, for the entry steps (default: {DEFAULT_FAMILY}).",
)
@click.option("--radio", "radio_name", type=RadioName(), help="The radio (see radiocode radios): an id such as ford-m, or a make such as fiat. Found from TEXT when left out.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def code(text: str, family_name: str | None, radio_name: str | None, as_json: bool) -> None:
    """Give the radio code for a precode, a serial or what the label says.

    \b
    Examples:
      radiocode code A123
      radiocode code "7 649 190 391 28 115 9243RT S049"
      radiocode code M140687
      radiocode code 2063 --radio fiat-vp
      radiocode code 0818 --json
    """
    _check_decodable(text, "TEXT", as_json)
    reading = radios.read(text, radio_name)
    try:
        result = result_of(reading, family_name, text=text, radio_name=radio_name)
    except ValidationError as error:
        if reading.by_radio and not as_json:
            click.echo(f"Error: {error}", err=True)
            _show_other_radios(reading, err=True)
            sys.exit(1)
        _fail(error, as_json)
    if as_json:
        # The same object as /api/v1/code answers for the same input.
        _print_json(result.to_dict())
    elif reading.radio != radios.renault.RADIO_ID:
        _show_radio_reading(reading)
    else:
        _show_result(result)
        if reading.by_radio:
            click.echo(f"\n{text.strip()} may also be the number of another radio, with another code. Give --radio to choose:")
            _show_other_radios(reading)


@main.command(context_settings=CONTEXT)
@click.argument("tries", type=click.IntRange(1, MAX_TRIES))
def wait(tries: int) -> None:
    """How long to leave the radio on after TRIES wrong codes in a row.

    \b
    Example:
      radiocode wait 3
    """
    estimate = lockout_waits(tries)
    click.echo(estimate.advice)
    click.echo(str(KEEP_ON))
    click.echo("")
    click.echo(f"What each source says after {tries} wrong code{'s' if tries > 1 else ''}:")
    for each in estimate.waits:
        figure = f"{each.minutes} min" if each.minutes is not None else "no figure for this count"
        click.echo(f"  {each.title}: {figure}. {each.rule}")


def _open_input(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as error:
        raise click.ClickException(f"Cannot open {path}: {error.strerror}. Check the file name.") from None


@main.command("radios", context_settings=CONTEXT)
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON.")
def list_radios(as_json: bool) -> None:
    """List the radios whose code radiocode works out, with how we know the codes are right.

    \b
    Examples:
      radiocode radios
      radiocode radios --json
    """
    if as_json:
        _print_json([radio.to_dict() for radio in radios.RADIOS.values()])
        return
    for radio in radios.RADIOS.values():
        rule = radio.input_rule
        click.echo(click.style(f"{radio.id}: {radio.name}", bold=True))
        click.echo(f"  Makes: {', '.join(radio.makes)}. Input: {rule.description} ({rule.pattern})")
        if rule.unknown:
            click.echo(f"  Not known: {rule.unknown}")
        counts = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in radio.evidence.counts().items())
        click.echo(f"  Evidence: {radio.evidence.summary} Codes from sources: {counts}.")
        if len(radio.variants) > 1:
            click.echo(f"  Entry variants: {', '.join(variant.id for variant in radio.variants)}")
        click.echo("")
    click.echo("Ford V serials: no public method. A Ford dealer or a paid decoding service gives the code.")



@main.command(context_settings=CONTEXT)
@click.argument("source", metavar="IN")
@click.option("-o", "--output", default="-", show_default=True, help="Where to write the CSV; - is standard output.")
@click.option("--column", help="Name of the column to read (found by header or content when left out).")
@click.option("--encoding", default="utf-8-sig", show_default=True, help="Text encoding of IN, e.g. latin-1 or cp1252.")
@click.option("--radio", "radio_name", type=RadioName(), help="The radio of rows that name none (an id such as ford-m, or a make).")
@click.option("--radio-column", help="Name of the column that says each row's radio (found by a header such as radio or make when left out).")
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Processes that read a large file (8 MB or more, with no quoted cells) in parts at the same time. 0, the default: one per CPU.",
)
def batch(source: str, output: str, column: str | None, encoding: str, radio_name: str | None, radio_column: str | None, jobs: int) -> None:
    """Add codes to every row of a CSV file (IN; - for standard input).

    Keeps every column and row in order and adds: code, precode_read (the
    number read), kind, alternatives and error; and radio, when the fleet says
    its radios (a radio column, or --radio). Exits with status 1 when any row failed.

    \b
    Examples:
      radiocode batch fleet.csv -o fleet-codes.csv
      radiocode batch mixed-fleet.csv --radio-column make -o codes.csv
      cat fleet.csv | radiocode batch - > fleet-codes.csv
    """
    _check_decodable(column, "--column")
    _check_decodable(radio_column, "--radio-column")
    _check_decodable(encoding, "--encoding")
    try:
        io.TextIOWrapper(io.BytesIO(b""), encoding=encoding)
    except (LookupError, UnicodeError):  # an unknown name, or one no codec name can be (U+00E9…)
        raise click.ClickException(f"Unknown encoding {encoding!r}. Try utf-8, latin-1 or cp1252.") from None
    raw = _open_input(source)
    text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
    target = sys.stdout if output == "-" else None
    try:
        if target is None:
            target = open(output, "w", encoding="utf-8", newline="")
        with _progress(raw, source) as progress:
            jobs = jobs or _cpus()
            summary = annotate(text, target, column, progress, radio_name, radio_column, jobs, None if source == "-" else source)
    except UnicodeDecodeError as error:
        if b"\x00" in error.object:
            raise click.ClickException(f"{source}: {BatchError(reason=Message(BINARY))}") from None
        raise click.ClickException(
            f"{source} is not {encoding} text (byte 0x{error.object[error.start]:02x} at position {error.start}). "
            "Save it as 'CSV UTF-8' from your spreadsheet, or give its encoding, e.g. --encoding latin-1."
        ) from None
    except BatchError as error:
        raise click.ClickException(f"{source}: {error}") from None
    except OSError as error:
        raise click.ClickException(f"Cannot write {output}: {error.strerror}.") from None
    finally:
        if target is not None and target is not sys.stdout:
            target.close()
    click.echo(f"{summary.rows} rows read from column '{summary.column}', {summary.failed} failed.", err=True)
    if summary.failed:
        sys.exit(1)


def _cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _progress:
    """A rich progress bar on a terminal, measured in bytes of IN; silent otherwise."""

    def __init__(self, raw: BinaryIO, name: str) -> None:
        self._raw = raw
        self._bar: Any = None
        size = Path(name).stat().st_size if name != "-" and Path(name).is_file() else 0
        if size > 1_000_000 and sys.stderr.isatty():
            from rich.progress import Progress

            # Redrawn as rows are written, not by a thread: a run in parts forks, and a fork
            # copies no thread but may copy a lock one holds.
            self._bar = Progress(transient=True, auto_refresh=False)
            self._task = self._bar.add_task(f"Reading {name}", total=size)

    def __enter__(self) -> Any:
        if self._bar is None:
            return None
        self._bar.start()
        return lambda rows: self._bar.update(self._task, completed=self._raw.tell(), refresh=True)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


@main.command(context_settings=CONTEXT)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=True), default="-", help="Where to write; - is standard output.")
@click.option("--radio", "radio_name", type=RadioName(), default="renault", show_default=True, help="Whose table: a radio id (see radiocode radios).")
def table(output: Any, radio_name: str) -> None:
    """Write every number and its code as CSV (Renault: 25,900 rows; Ford M: 1,000,000).

    \b
    Examples:
      radiocode table -o codes.csv
      radiocode table --radio ford-m -o ford-codes.csv
    """
    try:
        radio = radios.radio(radio_name)
    except ValidationError as error:
        raise click.BadParameter(str(error), param_hint="--radio") from None
    if radio.id == radios.renault.RADIO_ID:
        output.write("precode,code\n")
        output.writelines(f"{precode},{code}\n" for precode, code in precode_table())
        return
    output.write(f"{radio.table_header},code\n")
    output.writelines(radio.csv_lines())


@main.command(context_settings=CONTEXT)
@click.argument("photo", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--family", "family_name", type=click.Choice(list(FAMILIES)), default=DEFAULT_FAMILY, show_default=True, help="Radio family, for the entry steps.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def label(photo: str, family_name: str, as_json: bool) -> None:
    """Read the precode from a photo of the radio's label (needs radiocode[ocr]).

    \b
    Example:
      radiocode label label.jpg
    """
    from radiocode.ocr import OcrNotInstalled, read_photo

    raw = _open_input(photo)
    with raw:
        data = raw.read()
    try:
        result = read_photo(data)
    except OcrNotInstalled as error:
        raise click.ClickException(str(error)) from None
    except ValidationError as error:
        _fail(error, as_json)
    reading = result.reading
    if not as_json:
        click.echo("Text read from the photo:")
        for line in result.lines:
            click.echo(f"  {line.text}")
    if reading.error is not None:
        _fail(reading.error, as_json)
    found = result_of(reading, family_name)
    if as_json:
        # The same object as POST /api/v1/label answers for the same photo.
        data = found.to_dict()
        photo_data = result.to_dict()
        data.update({key: photo_data[key] for key in ("lines", "precode_box", "image")})
        _print_json(data)
        return
    _show_result(found)


def _check_setting(name: str) -> Any:
    """A click callback that refuses a bad RADIOCODE_* setting with the library's message."""

    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            from radiocode.web.protection import ProtectionSettings
        except ImportError:
            return value  # serve() itself explains the missing extra
        try:
            ProtectionSettings.from_env({name: value})
        except ValueError as error:
            raise click.BadParameter(str(error).split(": ", 1)[1]) from None
        return value

    return check


def _check_address(parse: Callable[[str], Any]) -> Any:
    """A click callback that refuses a bad base URL or allowed-hosts list with radiocode.web.hosts' message."""

    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is not None:
            try:
                parse(value)
            except ValueError as error:
                raise click.BadParameter(str(error).split(": ", 1)[1]) from None
        return value

    return check


@main.command(context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Processes serving requests.")
@click.option(
    "--rate-limit",
    envvar="RADIOCODE_RATE_LIMIT",
    default="60/minute",
    show_default=True,
    callback=_check_setting("RADIOCODE_RATE_LIMIT"),
    help="Requests per client address, like 60/minute or 60/minute;1000/day, or off. [env: RADIOCODE_RATE_LIMIT]",
)
@click.option(
    "--redis",
    "redis_url",
    envvar="RADIOCODE_REDIS_URL",
    callback=_check_setting("RADIOCODE_REDIS_URL"),
    help="Count requests in this Redis, shared by every worker and instance (default: in memory, per process). [env: RADIOCODE_REDIS_URL]",
)
@click.option(
    "--forwarded-allow-ips",
    envvar="RADIOCODE_FORWARDED_ALLOW_IPS",
    callback=_check_setting("RADIOCODE_FORWARDED_ALLOW_IPS"),
    help="Reverse proxies (addresses or networks, comma separated) whose X-Forwarded-For is believed. [env: RADIOCODE_FORWARDED_ALLOW_IPS]",
)
@click.option(
    "--base-url",
    envvar="RADIOCODE_BASE_URL",
    callback=_check_address(hosts.base_url),
    help="The site's public address, like https://radiocode.example, for canonical links, hreflang and the sitemap. [env: RADIOCODE_BASE_URL]",
)
@click.option(
    "--allowed-hosts",
    envvar="RADIOCODE_ALLOWED_HOSTS",
    callback=_check_address(hosts.allowed_hosts),
    help="Host names the site answers to, comma separated (*.example.com for subdomains, * for any). "
    "Default: the base URL's host, localhost, 127.0.0.1, [::1] and --host. [env: RADIOCODE_ALLOWED_HOSTS]",
)
def serve(
    host: str,
    port: int,
    workers: int,
    rate_limit: str,
    redis_url: str | None,
    forwarded_allow_ips: str | None,
    base_url: str | None,
    allowed_hosts: str | None,
) -> None:
    """Serve the website and the JSON API.

    \b
    Examples:
      radiocode serve --port 8000
      radiocode serve --workers 2 --redis redis://127.0.0.1:6379/0
      radiocode serve --forwarded-allow-ips 127.0.0.1 --rate-limit 30/minute
      radiocode serve --base-url https://radiocode.example
    """
    try:
        from radiocode.web import serve as run
    except ImportError as error:
        raise click.ClickException(f"The website needs the web extra ({error.name} is missing): pip install 'radiocode[web]'") from None
    run(
        host=host,
        port=port,
        workers=workers,
        rate_limit=rate_limit,
        redis_url=redis_url,
        forwarded_allow_ips=forwarded_allow_ips,
        base_url=base_url,
        allowed_hosts=allowed_hosts,
    )
