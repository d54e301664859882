"""Two years on: every claim is sourced, dated and argued, and bad data names its line."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from conftest import build
from sitebuild import claims
from sitebuild.pages import parse
from sitebuild.times import load_times

CLAIMS = claims.load_claims()
TODAY = datetime.date(2026, 12, 1)


def test_at_least_ten_claims_each_with_two_dated_sources_from_2025_2026_and_a_history():
    assert len(CLAIMS) >= 10
    sources = claims.bibliography_keys()
    for c in CLAIMS:
        recent = [e for e in c.evidence if e.date.year in (2025, 2026)]
        assert len({e.source for e in recent}) >= 2, c.id
        assert all(e.source in sources for e in c.evidence), c.id
        assert c.changelog and c.changelog[-1]["status"] == c.status, c.id
        assert c.reviewed.year == 2026 and c.verdict and c.evidence_for and c.evidence_against
    assert {t.id for t in load_times()} >= {c.section for c in CLAIMS}


ITEM = "  - date: {date}\n    side: for\n    source: {source}\n    note: It shows something.\n"
CLAIM = ("- id: peak-data\n  title: Peak data\n  section: peak-data\n  page: talk/pre-training.md\n"
         "  claim: He says so.\n  evidence_for: This.\n  evidence_against: That.\n"
         "  status: {status}\n  verdict: Argued.\n  reviewed: 2026-12-01\n  evidence:\n{items}"
         "  changelog:\n  - date: 2025-12-01\n    status: contested\n    note: first review\n")


def load(tmp_path: Path, text: str) -> list[claims.Claim]:
    path = tmp_path / "claims.yml"
    path.write_text(text)
    return claims.load_claims(path, today=TODAY, sources={"epoch2025": "Epoch (2025)."})


@pytest.mark.parametrize("status, items, message", [
    ("contested", ITEM.format(date="2025-05-09", source="''"),
     ":12: evidence without a source; give the key of its bibliography entry as source:"),
    ("contested", ITEM.format(date="''", source="epoch2025"),
     ":12: evidence 'epoch2025' has no date; add date: YYYY-MM-DD"),
    ("contested", ITEM.format(date="2027-01-01", source="epoch2025"),
     ":12: date 2027-01-01 is in the future; use the date it happened"),
    ("contested", ITEM.format(date="2025-05-09", source="nobody2025"),
     ":12: evidence source 'nobody2025' has no entry in docs/reference/bibliography.md"),
    ("probably", ITEM.format(date="2025-05-09", source="epoch2025"),
     ":1: unknown status 'probably' for 'peak-data'; use one of holding-up, contested"),
    ("holding-up", ITEM.format(date="2025-05-09", source="epoch2025"),
     ":1: 'peak-data' is holding-up but its changelog last says contested; a change of status"
     " needs a changelog entry with its date and reason"),
], ids=["no source", "no date", "future date", "unknown source", "unknown status",
        "status change without a changelog entry"])
def test_a_bad_claim_names_its_line_and_the_fix(tmp_path: Path, status: str, items: str,
                                                message: str):
    with pytest.raises(claims.ClaimsError) as caught:
        load(tmp_path, CLAIM.format(status=status, items=items))
    assert message in str(caught.value)


@pytest.mark.parametrize("text, message", [
    (CLAIM.format(status="contested", items="  - just a note\n"),
     ":12: each entry of this list is one of evidence items, written as 'key: value' lines"),
    (CLAIM.format(status="contested", items="").replace("  evidence:\n", "  evidence: none\n"),
     ":11: must be a list of evidence items, one '- ...' entry each"),
    ("peak-data: {}\n", ":1: must be a list of claims, one '- ...' entry each"),
    ("- id: [\n", ":2: not valid YAML"),
], ids=["evidence item not a mapping", "evidence not a list", "file not a list", "bad YAML"])
def test_a_claim_file_of_the_wrong_shape_names_its_line(tmp_path: Path, text: str, message: str):
    with pytest.raises(claims.ClaimsError) as caught:
        load(tmp_path, text)
    assert message in str(caught.value)


def test_a_good_claim_loads(tmp_path: Path):
    (claim,) = load(tmp_path, CLAIM.format(status="contested",
                                           items=ITEM.format(date="2025-05-09", source="epoch2025")))
    assert claim.evidence[0].date == datetime.date(2025, 5, 9) and claim.evidence[0].line == 12


def test_a_talk_link_to_a_claim_the_file_lacks_fails_the_build(repo: Path, tmp_path: Path):
    page = repo / "docs/talk/pre-training.md"
    page.write_text(page.read_text().replace("../claims.md#peak-data", "../claims.md#peak-dta", 1))
    done = build(repo, tmp_path / "out")
    assert done.returncode == 1
    assert "broken anchor '#peak-dta' in link '../claims.md#peak-dta': docs/claims.md has no" \
        " heading with that id" in done.stderr


def test_the_page_lists_every_claim_its_sections_link_back_and_the_indexes_carry_it(site: Path):
    doc = parse((site / "claims/index.html").read_text())
    table = doc.find("table")
    assert len(table.find_all("tr")) == len(CLAIMS) + 1
    for c in CLAIMS:
        assert doc.find(id=c.id) is not None
        assert claims.label(c.status) in table.get_text()
        # Each status is marked for its colour key, in the table and under the claim's heading.
        marks = doc.find_all("strong", class_=f"status--{c.status}")
        assert any(m.find_parent("table") for m in marks) and len(marks) >= 2, c.id
        assert f"reviewed {claims.day(c.reviewed)}" in doc.get_text()
        talk = parse((site / c.page.removesuffix(".md") / "index.html").read_text())
        assert talk.find("a", href=f"../../claims/#{c.id}"), f"{c.page} does not link {c.id}"
    assert parse((site / "index.html").read_text()).find("a", href="claims/")
    index = json.loads((site / "sections.json").read_text())["sections"]
    assert {s["id"] for s in index if s["page"] == "/claims/"} >= {c.id for c in CLAIMS}
    llms = (site / "llms.txt").read_text()
    assert "](http://127.0.0.1:8000/claims/)" in llms
    assert all(f"](http://127.0.0.1:8000/claims/#{c.id}): {claims.label(c.status)}." in llms
               for c in CLAIMS)
