"""The talk's forward-looking claims, two years on: data/claims.yml into the /claims/ page.

Each claim names the talk section it comes from, says what he claimed in our words, what
would count for and against it, a status from a fixed vocabulary, dated evidence items each
tied to a bibliography entry, and a changelog with an entry for every status it has had. The
page's table and sections are generated includes; talk sections link to a claim by its id.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yaml_lines
from .paths import DATA, DOCS, INCLUDES, shown

CLAIMS = DATA / "claims.yml"
BIBLIOGRAPHY = DOCS / "reference" / "bibliography.md"
GENERATED = INCLUDES / "claims"
STATUSES = {
    "holding-up": "Holding up",
    "contested": "Contested",
    "too-early": "Too early to tell",
    "not-borne-out": "Not borne out",
    "not-testable": "Not testable as stated",
}
SIDES = {"for": "For", "against": "Against", "context": "Context"}
FIELDS = ("id", "title", "section", "page", "claim", "evidence_for", "evidence_against", "status",
          "verdict", "evidence", "reviewed", "changelog")
ENTRY = re.compile(r"^- \*\*([a-z0-9-]+)\*\* · (.+\]\((https?://[^)\s]+)\))\s*$", re.M)


class ClaimsError(ValueError):
    """A claim that cannot be shown; the message names the line and the fix."""


@dataclass
class Evidence:
    date: datetime.date
    side: str
    source: str
    note: str
    line: int


@dataclass
class Claim:
    id: str
    title: str
    section: str
    page: str
    claim: str
    quote: str | None
    evidence_for: str
    evidence_against: str
    status: str
    verdict: str
    reviewed: datetime.date
    later: str | None
    later_sources: list[str]
    line: int
    evidence: list[Evidence] = field(default_factory=list)
    changelog: list[dict] = field(default_factory=list)


def bibliography_keys(path: Path = BIBLIOGRAPHY) -> dict[str, str]:
    """Key -> citation (ending in its link) of every bibliography entry."""
    return {m[1]: m[2] for m in ENTRY.finditer(path.read_text(encoding="utf-8"))}


def _date(value, where: str, what: str, today: datetime.date) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise ClaimsError(f"{where}: {what} must be a date, YYYY-MM-DD, got {value!r}")
    if value > today:
        raise ClaimsError(f"{where}: {what} {value} is in the future; use the date it happened")
    return value


def load_claims(path: Path = CLAIMS, today: datetime.date | None = None,
                sources: dict[str, str] | None = None) -> list[Claim]:
    """Read and check every claim; the first problem stops with 'file:line: problem; fix'."""
    today = today or datetime.date.today()
    sources = bibliography_keys() if sources is None else sources
    name = shown(path)
    claims, seen = [], set()
    for line, row, node in yaml_lines.mapping_items(path, ClaimsError, "claims"):
        where = f"{name}:{line}"
        missing = [f for f in FIELDS if not row.get(f)]
        if missing:
            raise ClaimsError(f"{where}: claim '{row.get('id', '?')}' has no {', '.join(missing)};"
                              f" every claim needs {', '.join(FIELDS)}")
        if row["id"] in seen:
            raise ClaimsError(f"{where}: claim '{row['id']}' appears twice; keep one")
        seen.add(row["id"])
        if row["status"] not in STATUSES:
            raise ClaimsError(f"{where}: unknown status {row['status']!r} for '{row['id']}'; use"
                              f" one of {', '.join(STATUSES)}")
        claim = Claim(row["id"], row["title"], row["section"], row["page"], row["claim"], row.get("quote"),
                      row["evidence_for"], row["evidence_against"], row["status"],
                      row["verdict"], _date(row["reviewed"], where, "reviewed", today),
                      row.get("later"), list(row.get("later_sources") or []), line)
        for key in claim.later_sources:
            if key not in sources:
                raise ClaimsError(f"{where}: later source '{key}' of '{claim.id}' has no entry in"
                                  f" {shown(BIBLIOGRAPHY)}; add '- **{key}** · ...'")
        for item_line, item, _ in yaml_lines.mapping_items(
                path, ClaimsError, "evidence items", yaml_lines.child(node, "evidence")):
            at = f"{name}:{item_line}"
            if not item.get("source"):
                raise ClaimsError(f"{at}: evidence without a source; give the key of its"
                                  " bibliography entry as source:")
            if not item.get("date"):
                raise ClaimsError(f"{at}: evidence '{item['source']}' has no date; add date:"
                                  " YYYY-MM-DD, when it was published")
            if item["source"] not in sources:
                raise ClaimsError(f"{at}: evidence source '{item['source']}' has no entry in"
                                  f" {shown(BIBLIOGRAPHY)}; add '- **{item['source']}** · ...'")
            if item.get("side") not in SIDES:
                raise ClaimsError(f"{at}: side must be one of {', '.join(SIDES)}")
            claim.evidence.append(Evidence(_date(item["date"], at, "date", today), item["side"],
                                           item["source"], " ".join(str(item.get("note", "")).split()),
                                           item_line))
        for entry_line, entry, _ in yaml_lines.mapping_items(
                path, ClaimsError, "changelog entries", yaml_lines.child(node, "changelog")):
            at = f"{name}:{entry_line}"
            if entry.get("status") not in STATUSES:
                raise ClaimsError(f"{at}: changelog status {entry.get('status')!r} is not one of"
                                  f" {', '.join(STATUSES)}")
            _date(entry.get("date"), at, "changelog date", today)
            claim.changelog.append(entry)
        if claim.changelog[-1]["status"] != claim.status:
            raise ClaimsError(f"{where}: '{claim.id}' is {claim.status} but its changelog last"
                              f" says {claim.changelog[-1]['status']}; a change of status needs"
                              " a changelog entry with its date and reason")
        claims.append(claim)
    return claims


def label(status: str) -> str:
    return STATUSES[status]


def day(d: datetime.date) -> str:
    """A date as the site's prose writes one: 13 December 2024."""
    return f"{d.day} {d:%B %Y}"


def badge(status: str) -> str:
    """The status in words, marked so that the style sheet gives each its own colour key."""
    return f'<strong class="status status--{status}">{label(status)}</strong>'


def table(claims: list[Claim]) -> str:
    """The page's summary table: each claim, its status, and where it was made."""
    rows = ["Claim | Status | In the talk", "---|---|---"]
    for c in claims:
        rows.append(f"[{c.title}](#{c.id}) | {badge(c.status)} |"
                    f" [▶](video:{c.section}){{ .timestamp }}")
    return "\n".join(rows) + "\n"


def sections(claims: list[Claim]) -> str:
    """One section per claim: the claim, the tests, the evidence both ways, the verdict."""
    out = []
    for c in claims:
        out += [f"## {c.title} {{ #{c.id} }}", "",
                f"[▶](video:{c.section}){{ .timestamp }} · Status: {badge(c.status)} ·"
                f" reviewed {day(c.reviewed)} · [in the talk]({c.page}#{c.section.partition('.')[0]})",
                ""]
        out += [c.claim + (f" In his words: “{c.quote}”" if c.quote else ""), ""]
        out += [f"**What would count for it.** {c.evidence_for}", "",
                f"**What would count against it.** {c.evidence_against}", ""]
        for side, name in SIDES.items():
            items = [e for e in c.evidence if e.side == side]
            if items:
                out += [f"**{name}.**", ""]
                out += [f"- {day(e.date)}: {e.note}[^{e.source}]" for e in items]
                out.append("")
        out += [f"**Verdict.** {c.verdict}", ""]
        if c.later:
            cited = "".join(f"[^{k}]" for k in c.later_sources)
            out += [f"**What he said later.** {c.later}{cited}", ""]
        history = "; ".join(f"{day(e['date'])} {label(e['status']).lower()}"
                            + (f" ({e['note']})" if e.get("note") else "") for e in c.changelog)
        out += [f"*History:* {history}.", ""]
    return "\n".join(out)


def footnotes(claims: list[Claim], sources: dict[str, str]) -> str:
    """The footnote definitions the sections use: each source's bibliography citation."""
    keys = sorted({e.source for c in claims for e in c.evidence} |
                  {k for c in claims for k in c.later_sources})
    return "\n".join(f"[^{k}]: {sources[k]}" for k in keys) + "\n"


def generated(claims: list[Claim], sources: dict[str, str]) -> dict[Path, bytes]:
    """The claims page's includes, by path."""
    return {GENERATED / "table.md": table(claims).encode(),
            GENERATED / "sections.md": (sections(claims) + "\n" +
                                        footnotes(claims, sources)).encode()}
