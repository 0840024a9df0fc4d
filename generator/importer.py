"""Bring countries.yml up to date from a saved copy of the UN Treaty Collection status page.

A maintainer saves the depositary's page (the table "Participant | Signature |
Ratification, Acceptance(A), Approval(AA), Accession(a)") and runs

    python -m generator import-status saved-page.html

Each signature or instrument the page lists is added to countries.yml as confirmed, with
the campaign's authority source and the page's date as the checked date; an action the file
already has as reported or unconfirmed becomes confirmed. Nothing is ever deleted, and notes
and contacts are left alone. Where the file and the page disagree, the file is left as it is
and the disagreement printed, for a person to decide.

The file is the maintainers' own, with comments and a layout they chose, so it is edited as
text, line by line, rather than loaded and dumped again; the result is validated before it
replaces the original. The command never touches the network.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml
from pydantic import ValidationError

from . import countries as k
from . import model as m
from .errors import ContentError
from .explain import validation_issue
from .yamlsrc import YamlDoc, read_yaml

# How the UN Treaty Collection names participants whose CLDR name differs. Only used to
# read the page; pages show the CLDR name in the reader's language.
UN_NAMES = {
    "Bolivia (Plurinational State of)": "bo",
    "Brunei Darussalam": "bn",
    "Cabo Verde": "cv",
    "Congo": "cg",
    "Czech Republic": "cz",
    "Democratic People's Republic of Korea": "kp",
    "Democratic Republic of the Congo": "cd",
    "Holy See": "va",
    "Iran (Islamic Republic of)": "ir",
    "Lao People's Democratic Republic": "la",
    "Micronesia (Federated States of)": "fm",
    "Netherlands (Kingdom of the)": "nl",
    "Republic of Korea": "kr",
    "Republic of Moldova": "md",
    "Russian Federation": "ru",
    "Saint Vincent and the Grenadines": "vc",
    "State of Palestine": "ps",
    "Syrian Arab Republic": "sy",
    "Turkey": "tr",
    "United Kingdom of Great Britain and Northern Ireland": "gb",
    "United Republic of Tanzania": "tz",
    "United States of America": "us",
    "Venezuela (Bolivarian Republic of)": "ve",
    "Viet Nam": "vn",
}
_UN_CODES = {k.folded(name): code for name, code in UN_NAMES.items()}
# The suffix after a date in the instrument column says which instrument it was.
SUFFIXES = {"": "ratification", "A": "acceptance", "AA": "approval", "a": "accession"}
MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_DATE = re.compile(
    r"^(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3})[a-z]*\.?\s+(?P<year>\d{4})"
    r"(?:\s+(?P<suffix>[A-Za-z]{1,2}))?(?:\s*[\d,\s]*)?$"
)
_FOOTNOTES = re.compile(r"(?:[\s,]*\d+)+\s*,?\s*$")
_AS_AT = re.compile(
    r"status\s+as\s+at\s*:?\s*(?:(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})|(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4}))",
    re.IGNORECASE,
)


class StatusImportError(Exception):
    """The saved page cannot be read, or the countries file cannot be edited safely."""


# --- reading the saved page ---------------------------------------------------------------


class _Tables(HTMLParser):
    """Every table of the page as rows of cell texts; footnote marks (<sup>) left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.text: list[str] = []
        self._stack: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._sup = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._stack.append([])
        elif tag == "tr" and self._stack:
            self._stack[-1].append([])
        elif tag in ("td", "th") and self._stack and self._stack[-1]:
            self._cell = []
        elif tag == "sup":
            self._sup += 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._stack:
            self._stack[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._stack:
            self.tables.append(self._stack.pop())
        elif tag == "sup" and self._sup:
            self._sup -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None and not self._sup:
            self._cell.append(data.replace("\xa0", " "))


@dataclass(frozen=True)
class Row:
    """One participant as the page lists it."""

    number: int  # its row in the table, for messages
    participant: str  # as written, footnote marks removed
    code: str | None
    signature: dt.date | None
    instrument: tuple[str, dt.date] | None  # (type, date)
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatusPage:
    rows: tuple[Row, ...]
    as_at: dt.date | None  # the "Status as at" date printed on the page, if any


def participant_code(text: str) -> str | None:
    folded = k.folded(text)
    return _UN_CODES.get(folded) or k.code_for_name(text)


def _date(text: str, column: str) -> tuple[dt.date | None, str, str | None]:
    """(date, suffix, problem) of a Signature or Instrument cell; an empty cell is no date."""
    text = text.strip()
    if not text:
        return None, "", None
    match = _DATE.match(text)
    month = MONTHS.get(match["month"].lower()[:3]) if match else None
    if not match or month is None:
        return None, "", f"cannot read the {column} date '{text}'"
    try:
        day = dt.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None, "", f"'{text}' in the {column} column is not a real date"
    return day, match["suffix"] or "", None


def _row(number: int, cells: list[str]) -> Row | None:
    cells = [*cells, "", ""][:3]
    participant = _FOOTNOTES.sub("", cells[0]).strip()
    if not participant:
        return None
    problems: list[str] = []
    code = participant_code(participant)
    if code is None:
        problems.append(f"'{participant}' is not a participant name the importer knows")
    signature, suffix, problem = _date(cells[1], "signature")
    if problem:
        problems.append(problem)
    elif suffix:
        problems.append(f"unexpected mark '{suffix}' after the signature date")
    joined, suffix, problem = _date(cells[2], "ratification")
    instrument = None
    if problem:
        problems.append(problem)
    elif joined is not None:
        kind = SUFFIXES.get(suffix)
        if kind is None:
            problems.append(
                f"'{suffix}' after the date is not ratification, acceptance (A), approval (AA) "
                "or accession (a)"
            )
        else:
            instrument = (kind, joined)
    return Row(number, participant, code, signature, instrument, tuple(problems))


def parse_status_page(html: str) -> StatusPage:
    """The participants table of a saved status page; raise StatusImportError if there is none."""
    parser = _Tables()
    parser.feed(html)
    parser.close()
    for table in parser.tables:
        header = next((i for i, row in enumerate(table) if row and _is_header(row)), None)
        if header is None:
            continue
        rows = [
            row
            for number, cells in enumerate(table[header + 1 :], 1)
            if cells and (row := _row(number, cells)) is not None
        ]
        if not rows:
            raise StatusImportError(
                "the page's Participant table has no rows, so the page was probably saved "
                "before it had finished loading. Open it again, wait until the list of "
                "participants shows, save it again and give that file."
            )
        return StatusPage(tuple(rows), _as_at(" ".join(parser.text)))
    raise StatusImportError(
        "no table with a 'Participant' column was found. Save the UN Treaty Collection's status "
        "page for the treaty (the page with the Participant, Signature and Ratification "
        "columns) as HTML, and give that file."
    )


def _is_header(cells: list[str]) -> bool:
    return cells[0].lower().startswith("participant") and len(cells) >= 2


def _as_at(text: str) -> dt.date | None:
    match = _AS_AT.search(" ".join(text.split()))
    if not match:
        return None
    try:
        if match[1]:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        month = MONTHS.get(match[5].lower()[:3])
        return dt.date(int(match[6]), month, int(match[4])) if month else None
    except ValueError:
        return None


# --- editing countries.yml as text ---------------------------------------------------------


@dataclass
class _Edits:
    """Line edits, applied together so that earlier ones never shift later ones."""

    lines: list[str]
    before: dict[int, list[str]] = field(default_factory=dict)
    replaced: dict[int, str] = field(default_factory=dict)

    def insert(self, index: int, new: list[str]) -> None:
        self.before.setdefault(index, []).extend(new)

    def replace(self, index: int, line: str) -> None:
        self.replaced[index] = line

    def text(self) -> str:
        out: list[str] = []
        for index, line in enumerate(self.lines):
            out += self.before.get(index, [])
            out.append(self.replaced.get(index, line))
        out += self.before.get(len(self.lines), [])
        return "\n".join(out) + "\n"


_SCALAR = re.compile(
    r"^(?P<head>\s*(?:-\s+)?(?P<key>[\w-]+):[ \t]*)(?P<value>[^#]*?)(?P<tail>\s*(?:#.*)?)$"
)


def _set_value(edits: _Edits, index: int, key: str, value: str) -> None:
    line = edits.replaced.get(index, edits.lines[index])
    match = _SCALAR.match(line)
    if not match or match["key"] != key:
        raise StatusImportError(
            f"line {index + 1} does not hold '{key}: …' on its own; edit it by hand."
        )
    edits.replace(index, f"{match['head']}{value}{match['tail']}")


@dataclass
class Result:
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, code, detail)
    to_check: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    text: str = ""

    def lines(self) -> list[str]:
        out = [
            f"  {kind:<10} {code}  {k.name(code)}: {detail}" for kind, code, detail in self.changes
        ]
        if self.to_check:
            out.append("Check by hand (the file was left as it is):")
            out += [f"  {line}" for line in self.to_check]
        if self.unread:
            out.append("Rows that could not be read (nothing was changed for them):")
            out += [f"  {line}" for line in self.unread]
        return out


class Updater:
    """Applies a status page to the text of countries.yml."""

    def __init__(self, text: str, doc: YamlDoc, data: m.CountriesFile, day: dt.date) -> None:
        self.doc = doc
        self.data = data
        self.day = day
        self.edits = _Edits(text.rstrip("\n").split("\n"))
        self.result = Result()
        self.authority = data.authority
        self.index = {c.code: i for i, c in enumerate(data.countries)}

    # -- positions, 0-based line indexes --
    def _line(self, *loc: str | int) -> int:
        return self.doc.positions[tuple(loc)][0] - 1

    def _column(self, *loc: str | int) -> int:
        return self.doc.positions[tuple(loc)][1] - 1

    def _back_over_comments(self, index: int) -> int:
        """Move an insertion point up past the blank and comment lines that lead into it."""
        while index > 0:
            previous = self.edits.lines[index - 1].strip()
            if previous and not previous.startswith("#"):
                break
            index -= 1
        return index

    def _end_of_entry(self, i: int) -> int:
        """The line index just after countries[i]'s last line."""
        if i + 1 < len(self.data.countries):
            return self._back_over_comments(self._dash_line(i + 1))
        following = [
            pos[0] - 1
            for loc, pos in self.doc.positions.items()
            if len(loc) == 1 and pos[0] - 1 > self._line("countries")
        ]
        end = min(following) if following else len(self.edits.lines)
        return self._back_over_comments(end)

    def _dash_line(self, i: int) -> int:
        return self._line("countries", i)

    # -- applying the page --
    def apply(self, page: StatusPage) -> Result:
        listed: set[str] = set()
        rows_of: dict[str, list[int]] = {}
        for row in page.rows:
            if row.code is not None:
                rows_of.setdefault(row.code, []).append(row.number)
        for row in page.rows:
            if row.code is not None:
                listed.add(row.code)
            if row.code is not None and len(rows_of[row.code]) > 1:
                # Two rows for one State: which one is right is for a person to decide.
                others = ", ".join(str(n) for n in rows_of[row.code] if n != row.number)
                self.result.unread.append(
                    f"row {row.number} ({row.participant}): the page lists "
                    f"{k.name(row.code)} again in row {others}"
                )
                continue
            if row.problems:
                # Half a row is worse than none: the maintainer fixes it by hand.
                problems = "; ".join(row.problems)
                self.result.unread.append(f"row {row.number} ({row.participant}): {problems}")
                continue
            assert row.code is not None
            if row.code in self.index:
                self._update(self.index[row.code], row)
            else:
                self._new_entry(row)
        for country in self.data.countries:
            if country.code not in listed:
                self._absent(country)
        self.result.text = self.edits.text()
        return self.result

    def _wanted(self, row: Row) -> list[tuple[str, dt.date]]:
        out = []
        if row.signature:
            out.append(("signature", row.signature))
        if row.instrument:
            out.append(row.instrument)
        return out

    def _update(self, i: int, row: Row) -> None:
        country = self.data.countries[i]
        touched = False
        for kind, day in self._wanted(row):
            same_kind = [
                (ai, a)
                for ai, a in enumerate(country.actions)
                if (a.type == "signature") == (kind == "signature")
            ]
            if not same_kind:
                self._add_action(i, country, kind, day)
                self.result.changes.append(("added", country.code, f"{kind} {day.isoformat()}"))
                touched = True
                continue
            ai, action = same_kind[0]
            if action.confirmation == "confirmed":
                if action.type != kind or action.date != day.isoformat():
                    self.result.to_check.append(
                        f"{country.code} {k.name(country.code)}: the file has a confirmed "
                        f"{action.type} on {action.date or 'no date'}, the page {kind} on "
                        f"{day.isoformat()}."
                    )
                continue
            self._confirm(i, ai, action, kind, day)
            was = f"was {action.confirmation}"
            if action.date != day.isoformat():
                was += f", dated {action.date}" if action.date else ", without a date"
            if action.type != kind:
                was += f", recorded as {action.type}"
            self.result.changes.append(
                ("confirmed", country.code, f"{kind} {day.isoformat()} ({was})")
            )
            if action.note:
                self.result.to_check.append(
                    f"{country.code} {k.name(country.code)}: its {kind} is now confirmed; "
                    "read its note, which may describe what was not known before."
                )
            touched = True
        self._checked(i, country, touched)

    def _absent(self, country: m.Country) -> None:
        counted = [a for a in country.actions if k.counted(a)]
        if counted:
            kinds = " and ".join(sorted({a.type for a in counted}))
            level = (
                "confirmed" if any(a.confirmation == "confirmed" for a in counted) else "reported"
            )
            self.result.to_check.append(
                f"{country.code} {k.name(country.code)}: the file has a {level} {kinds} that the "
                "page does not list."
            )
            return
        i = self.index[country.code]
        self._checked(i, country, False)

    def _checked(self, i: int, country: m.Country, touched: bool) -> None:
        if country.checked >= self.day:
            return
        _set_value(
            self.edits, self._line("countries", i, "checked"), "checked", self.day.isoformat()
        )
        if not touched:
            self.result.changes.append(("checked", country.code, f"checked {self.day.isoformat()}"))

    def _confirm(self, i: int, ai: int, action: m.TreatyAction, kind: str, day: dt.date) -> None:
        at = ("countries", i, "actions", ai)
        _set_value(self.edits, self._line(*at, "confirmation"), "confirmation", "confirmed")
        if action.type != kind:
            _set_value(self.edits, self._line(*at, "type"), "type", kind)
        if action.date is None:
            column = self._column(*at, "type")
            self.edits.insert(
                self._line(*at, "type") + 1, [f"{' ' * column}date: {day.isoformat()}"]
            )
        elif action.date != day.isoformat():
            _set_value(self.edits, self._line(*at, "date"), "date", day.isoformat())
        if self.authority not in action.sources:
            self._add_source(at, action.sources)

    def _add_source(self, at: tuple[str | int, ...], sources: list[str]) -> None:
        key_line = self._line(*at, "sources")
        line = self.edits.replaced.get(key_line, self.edits.lines[key_line])
        flow = re.match(r"^(?P<head>.*\bsources:\s*\[)(?P<items>[^\]]*)\](?P<tail>.*)$", line)
        if flow:
            items = flow["items"].strip()
            joined = f"{items}, {self.authority}" if items else self.authority
            self.edits.replace(key_line, f"{flow['head']}{joined}]{flow['tail']}")
            return
        last = self._line(*at, "sources", len(sources) - 1)
        dash = self.edits.lines[last][
            : len(self.edits.lines[last]) - len(self.edits.lines[last].lstrip())
        ]
        self.edits.insert(last + 1, [f"{dash}- {self.authority}"])

    def _action_lines(self, dash_column: int, kind: str, day: dt.date) -> list[str]:
        pad = " " * dash_column
        return [
            f"{pad}- type: {kind}",
            f"{pad}  date: {day.isoformat()}",
            f"{pad}  confirmation: confirmed",
            f"{pad}  sources: [{self.authority}]",
        ]

    def _add_action(self, i: int, country: m.Country, kind: str, day: dt.date) -> None:
        entry = ("countries", i)
        if country.actions:
            last = len(country.actions) - 1
            dash_column = self._column(*entry, "actions", 0) - 2
            # After the last action: just before the entry's next key below it, or its end.
            after = self._line(*entry, "actions", last)
            below = sorted(
                pos[0] - 1
                for loc, pos in self.doc.positions.items()
                if len(loc) == 3 and loc[:2] == entry and pos[0] - 1 > after
            )
            where = self._back_over_comments(below[0]) if below else self._end_of_entry(i)
            self.edits.insert(where, self._action_lines(dash_column, kind, day))
            return
        key_line = self._line(*entry, "actions")
        column = self._column(*entry, "actions")
        line = self.edits.replaced.get(key_line, self.edits.lines[key_line])
        match = re.match(r"^(?P<head>\s*(?:-\s+)?actions:)\s*(?:\[\s*\])?\s*(?P<tail>#.*)?$", line)
        if not match:
            raise StatusImportError(
                f"line {key_line + 1}: cannot add to 'actions' written this way; edit it by hand."
            )
        tail = f" {match['tail']}" if match["tail"] else ""
        self.edits.replace(key_line, f"{match['head']}{tail}")
        self.edits.insert(key_line + 1, self._action_lines(column + 2, kind, day))

    def _new_entry(self, row: Row) -> None:
        assert row.code is not None
        codes = [c.code for c in self.data.countries]
        if self.data.countries:
            dash_column = self._column("countries", 0) - 2
        else:
            dash_column = self._column("countries") + 2
        pad = " " * dash_column
        lines = [f"{pad}- code: {_yaml_text(row.code)}", f"{pad}  actions:"]
        for kind, day in self._wanted(row):
            lines += self._action_lines(dash_column + 4, kind, day)
        lines.append(f"{pad}  checked: {self.day.isoformat()}")
        if not self._wanted(row):
            lines[1] = f"{pad}  actions: []"
        # Keep the file in code order when it is in code order; else add at the end.
        later = [i for i, code in enumerate(codes) if code > row.code]
        if codes == sorted(codes) and later:
            # A comment right above the next entry belongs to it: insert above the comment.
            where = self._back_over_comments(self._dash_line(later[0]))
        elif self.data.countries:
            where = self._end_of_entry(len(codes) - 1)
        else:
            where = self._line("countries") + 1
            self.edits.replace(
                where - 1, re.sub(r"\[\s*\]", "", self.edits.lines[where - 1]).rstrip()
            )
        self.edits.insert(where, lines)
        detail = ", ".join(f"{kind} {day.isoformat()}" for kind, day in self._wanted(row))
        self.result.changes.append(("new entry", row.code, detail or "listed without a date"))


def _yaml_text(value: str) -> str:
    """`value` as YAML reads it back as that text: Norway's 'no' would be read as false."""
    return value if yaml.safe_load(value) == value else f'"{value}"'


# --- the command ---------------------------------------------------------------------------


def page_date(page: StatusPage, saved: Path, given: dt.date | None) -> tuple[dt.date, str]:
    """The date the page's data is true on, and where that date came from."""
    if given:
        return given, "--date"
    if page.as_at:
        return page.as_at, "the page's 'Status as at'"
    stamp = dt.datetime.fromtimestamp(saved.stat().st_mtime, dt.UTC).date()
    return stamp, "the saved file's date"


def load_countries(path: Path, rel: str) -> tuple[str, YamlDoc, m.CountriesFile]:
    doc = read_yaml(path, rel)
    try:
        data = m.CountriesFile.model_validate(doc.data)
    except ValidationError as exc:
        raise ContentError(
            [validation_issue(doc, m.CountriesFile, e) for e in exc.errors()]
        ) from None
    return path.read_text(encoding="utf-8-sig"), doc, data


def update_text(
    text: str, doc: YamlDoc, data: m.CountriesFile, page: StatusPage, day: dt.date
) -> Result:
    return Updater(text, doc, data, day).apply(page)


def write_checked(path: Path, rel: str, new_text: str, campaign: m.Campaign) -> None:
    """Replace `path` with `new_text` only if the campaign stays valid with it."""
    from . import clock

    # Keep the file's own line endings and byte-order mark, so the change is only the change.
    raw = path.read_bytes()
    newline = "\r\n" if b"\r\n" in raw else "\n"
    encoding = "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    with tempfile.NamedTemporaryFile(
        "w",
        encoding=encoding,
        newline=newline,
        dir=path.parent,
        prefix=".import-",
        suffix=".yml",
        delete=False,
    ) as handle:
        handle.write(new_text)
        scratch = Path(handle.name)
    try:
        try:
            _, doc, data = load_countries(scratch, rel)
        except ContentError as exc:
            issues = exc.issues
        else:
            updated = campaign.model_copy(update={"countries": data})
            docs = {name: YamlDoc(name, None) for name in ("campaign.yml", "action.yml")}
            docs[rel] = doc
            known = {s.id for s in campaign.sources} | {s.id for s in data.sources}
            own = len(campaign.countries.sources) if campaign.countries else 0
            listed = (YamlDoc("sources.yml", None), campaign.sources[: len(campaign.sources) - own])
            issues = k.check_countries(updated, docs, known, clock.latest_today(), listed)
        if issues:
            raise StatusImportError(
                "the updated file would not be valid, so it was left as it was:\n"
                + "\n".join(str(i) for i in sorted(issues))
            )
        shutil.copymode(path, scratch)  # the temporary file was made private (0600)
        os.replace(scratch, path)
    finally:
        scratch.unlink(missing_ok=True)
