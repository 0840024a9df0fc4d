"""Write generator/namedata/cldr_alt_names.json from the npm package of CLDR's locale names.

Babel ships each country's usual name in every language, but not the other names the
Unicode CLDR gives for it (its "variant" and "short" forms: "Turkey", "Ivory Coast",
"Czech Republic", "Palestine", "US", "UK"), which are what many readers type. This keeps
those forms, for two-letter codes, in every language CLDR has them in.

Run once by a maintainer, with the package's tarball saved beside it:
    npm pack cldr-localenames-full@48.2.0
    python -m generator.namedata_convert cldr-localenames-full-48.2.0.tgz
The tarball is checked against the sha512 integrity the registry publishes for it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
import tarfile
from pathlib import Path

from .resources import package_path

PACKAGE = "cldr-localenames-full-48.2.0.tgz"
INTEGRITY = (
    "sha512-4o0paYDz0UXhfhChAVFkmVl2CP0YTSEqE6WrC0fNafaSC5u5DAX"
    "phxH3SZ1Ujczarikr8DToKZfiok6EqWLdNQ=="
)
OUT = package_path("namedata", "cldr_alt_names.json")
# package/main/<language>/territories.json, languages without a region or script part.
MEMBER = re.compile(r"^package/main/([a-z]{2,3})/territories\.json$")
KEY = re.compile(r"^([A-Z]{2})-alt-(variant|short)$")


def convert(tarball: Path) -> dict[str, dict[str, list[str]]]:
    """{language: {code: [other names]}} from the package's territories.json files."""
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != INTEGRITY:
        raise SystemExit(f"{tarball}: not the pinned {PACKAGE} (sha512 differs)")
    names: dict[str, dict[str, list[str]]] = {}
    with tarfile.open(tarball) as tar:
        for member in tar.getmembers():
            match = MEMBER.match(member.name)
            extracted = tar.extractfile(member) if match else None
            if not match or extracted is None:
                continue
            language = match.group(1)
            data = json.load(extracted)["main"][language]["localeDisplayNames"]["territories"]
            for key, text in sorted(data.items()):
                alt = KEY.match(key)
                if alt:
                    names.setdefault(language, {}).setdefault(alt.group(1).lower(), [])
                    names[language][alt.group(1).lower()].append(text)
    return names


def main(argv: list[str]) -> None:
    names = convert(Path(argv[0]))
    text = json.dumps(names, ensure_ascii=False, sort_keys=True, indent=0)
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(names)} languages")


if __name__ == "__main__":
    main(sys.argv[1:])
