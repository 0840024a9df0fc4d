"""`new campaign DIR`: a complete campaign repository that validates and builds at once.

It holds the example content (fictional, marked so, with comments), the campaign's
optional engine settings, a README with the same two commands as every campaign
(make serve, make test), a CONTRIBUTING guide, GitHub workflows (checks on pull requests
with annotations, deployment to Pages, a daily rebuild), a Makefile, JSON Schemas for
editors, the URL manifest, and a lock that pins this very generator.

The generator is not on a package index, so the campaign keeps the wheel it pins in
vendor/ and requirements.lock checks it by its sha256 hash, with the hash-pinned
libraries it needs (the generator's own runtime lock): no address to invent, nothing
to trust but the repository itself. Everything is written beside DIR first and moved
into place whole, so a failure leaves nothing half-made.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import __version__, resources
from .errors import OutputError
from .scaffold import ScaffoldError, schema_dir
from .schema import modeline, schema_stem, write_schemas

DISTRIBUTION = "treaty-explainer"
WHEEL_RE = re.compile(r"^treaty_explainer-(?P<version>[^-]+)-py3-none-any\.whl$")
SOURCE = resources.SCAFFOLDS / "campaign"
# The engine a campaign may switch to, pinned as the generator's tests run it (`make lock`).
ZENSICAL_LOCK = "requirements-zensical.lock"
# Package data keeps no dotted names; they get their dot when written.
DOTTED = {"gitignore": ".gitignore", "github": ".github"}


def new_campaign(target: Path, wheel: Path | None = None) -> list[Path]:
    """Write a new campaign repository into `target` (new or empty); return its files."""
    wheel = _checked_wheel(wheel or installed_wheel())
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "is a folder that is not empty" if target.is_dir() else "is a file"
        raise ScaffoldError(
            f"{target} {what}; nothing was written.",
            "choose a new folder for the campaign.",
            usage=True,
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".new-campaign-", dir=target.parent) as scratch:
            work = Path(scratch) / "campaign"
            _write(work, target.resolve(), wheel)
            _check(work)
            if target.exists():
                target.rmdir()
            work.rename(target)
    except OSError as exc:
        raise OutputError.from_os_error(exc) from None
    return sorted(p for p in target.rglob("*") if p.is_file())


def installed_wheel() -> Path:
    """The wheel this generator was installed from, as pip recorded it (PEP 610)."""
    hint = (
        "pass the generator's wheel with --wheel FILE; in the generator's repository, "
        "'make wheel' builds it into dist/."
    )
    try:
        recorded = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        recorded = None
    info = json.loads(recorded) if recorded else {}
    url = urlsplit(info.get("url", ""))
    path = Path(unquote(url.path))
    if url.scheme != "file" or not path.is_file() or not WHEEL_RE.match(path.name):
        raise ScaffoldError(
            "this generator was not installed from a wheel that is still on disk.",
            hint,
            usage=True,
        )
    expected = info.get("archive_info", {}).get("hash", "")
    if expected.startswith("sha256=") and expected.removeprefix("sha256=") != _sha256(path):
        raise ScaffoldError(f"{path} has changed since this generator was installed.", hint, True)
    return path


def _checked_wheel(wheel: Path) -> Path:
    match = WHEEL_RE.match(wheel.name)
    if not wheel.is_file() or not match:
        raise ScaffoldError(
            f"{wheel} is not a wheel of the generator.",
            "give the file 'make wheel' builds: dist/treaty_explainer-<version>-py3-none-any.whl.",
            usage=True,
        )
    if match["version"] != __version__:
        raise ScaffoldError(
            f"{wheel.name} is version {match['version']}, but this generator is {__version__}.",
            "run 'new campaign' with the generator of the version you pin.",
            usage=True,
        )
    return wheel


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(work: Path, final: Path, wheel: Path) -> None:
    """Every file, written into `work`; paths that matter are computed for `final`."""
    schemas = schema_dir(final)
    if schemas.parent == final:  # no schema/ up the repository: the campaign gets its own
        write_schemas(work / "schema")
    content = SOURCE / "content"
    for path in sorted(p for p in content.rglob("*.yml")):
        rel = path.relative_to(content)
        stem = schema_stem(rel.as_posix())
        first = f"{modeline(final / rel, schemas, stem)}\n" if stem else ""
        _put(work / rel, first + path.read_text(encoding="utf-8"))
    for path in sorted(p for p in (SOURCE / "repo").rglob("*") if p.is_file()):
        parts = [DOTTED.get(part, part) for part in path.relative_to(SOURCE / "repo").parts]
        text = path.read_text(encoding="utf-8")
        text = text.replace("@VERSION@", __version__).replace("@WHEEL@", wheel.name)
        _put(work.joinpath(*parts), text)
    (work / "vendor").mkdir()
    shutil.copy2(wheel, work / "vendor" / wheel.name)
    _put(work / "requirements.lock", lock(wheel))
    shutil.copy2(SOURCE / ZENSICAL_LOCK, work / ZENSICAL_LOCK)


def lock(wheel: Path) -> str:
    """requirements.lock: this generator's wheel by its hash, then its own runtime lock."""
    runtime = (SOURCE / "requirements.lock").read_text(encoding="utf-8")
    body = "\n".join(line for line in runtime.splitlines() if not line.lstrip().startswith("#"))
    return (
        "# Exactly what `make install` installs, each file checked by its sha256 hash.\n"
        f"# The generator, from vendor/{wheel.name}:\n"
        f"{DISTRIBUTION}=={__version__} \\\n"
        f"    --hash=sha256:{_sha256(wheel)}\n"
        f"# What it needs: its own runtime lock, from PyPI.\n{body.strip()}\n"
    )


def _put(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _check(work: Path) -> None:
    """The campaign must validate, and its URL manifest lists what it publishes."""
    from .pipeline import load, published
    from .urls import MANIFEST, refresh_manifest

    refresh_manifest(work / MANIFEST, published(load(work)))
