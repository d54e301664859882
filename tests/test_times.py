"""The talk's times are data: every section has one row, in talk order, with its evidence,
and every timestamp on the site is made from it."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import build
from sitebuild import times
from sitebuild.pages import parse
from sitebuild.paths import DOCS

ROWS = times.load_times()


def test_times_increase_through_the_talk_and_each_has_its_evidence():
    starts = [t.start_s for t in ROWS]
    assert starts == sorted(starts) and starts[0] == 0 and starts[-1] > 20 * 60
    assert all(t.evidence and t.summary.endswith((".", "?")) for t in ROWS)
    assert {t.basis for t in ROWS} == {"anchored", "estimated"}


def test_every_talk_section_has_exactly_one_row_and_every_row_a_section():
    assert times.check_against_pages(ROWS) == []
    sections = {(page, anchor) for page in times.talk_pages()
                for anchor, (_, _, level) in times.headings(DOCS / page).items() if level == 2}
    rows = [(t.page, t.id) for t in ROWS if "." not in t.id]
    assert sorted(rows) == sorted(sections)


def write(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "times.yml"
    path.write_text(rows)
    return path


ROW = ("- id: {id}\n  page: talk/pre-training.md\n  start_s: {start}\n  basis: estimated\n"
       "  uncertainty_s: 10\n  evidence: {evidence}\n  summary: He says so.\n")


@pytest.mark.parametrize("rows, message", [
    (ROW.format(id="peak-data", start=514, evidence="whisper-x")
     + ROW.format(id="fossil-fuel", start=501, evidence="whisper-x"),
     ":8: 'fossil-fuel' starts at 8:21, before 'peak-data' at 8:34 on line 1; rows go in talk"
     " order, so fix the time or move the row"),
    (ROW.format(id="peak-data", start=514, evidence="''"),
     ":1: row 'peak-data' has no evidence; every row needs id, page, start_s"),
    (ROW.format(id="peak-data", start="'8:34'", evidence="whisper-x"),
     ":1: start_s must be a whole number of seconds, got '8:34'"),
    (ROW.replace("estimated", "guessed").format(id="peak-data", start=514, evidence="x"),
     ":1: basis must be anchored (at a timed transcript mark) or estimated"),
    ("- just a start\n", ":1: each entry of this list is one of rows, one per section,"),
], ids=["out of order", "no evidence", "not seconds", "unknown basis", "not a mapping"])
def test_a_bad_row_names_its_line_and_the_fix(tmp_path: Path, rows: str, message: str):
    with pytest.raises(times.TimesError, match=message.replace("(", r"\(").replace(")", r"\)")):
        times.load_times(write(tmp_path, rows))


def test_an_unknown_section_id_names_its_line(tmp_path: Path):
    rows = times.load_times(write(tmp_path, ROW.format(id="peak-dta", start=514,
                                                       evidence="whisper-x")))
    assert times.check_against_pages(rows, talk=[]) == [
        "data/times.yml:1: unknown section 'peak-dta': docs/talk/pre-training.md has no heading"
        " with that id; use the id in its { #id }"]


def test_the_placeholder_becomes_a_link_to_the_second_with_the_time_as_its_text():
    rows = {t.id: t for t in ROWS}
    peak = rows["peak-data"]
    page, count = times.fill('<p><a class="timestamp" href="video:peak-data">▶</a></p>', rows)
    assert count == 1
    link = parse(page).a
    assert link["href"] == f"https://www.youtube.com/watch?v=1yvBqasHLZs&t={peak.start_s}s"
    assert link.get_text() == f"▶ {'≈ ' if peak.estimated else ''}{peak.clock}"
    assert ("estimated" in link["class"]) == peak.estimated and link["title"]


def test_a_bad_row_or_a_typed_time_fails_the_build_naming_the_line(repo: Path, tmp_path: Path):
    data = repo / "data/times.yml"
    data.write_text(data.read_text().replace("- id: fossil-fuel", "- id: fossil-fuels", 1))
    page = repo / "docs/talk/qa.md"
    page.write_text(page.read_text() + "\nSee [▶ 1:00](https://www.youtube.com/watch?v="
                    "1yvBqasHLZs&t=60s).\n")
    done = build(repo, tmp_path / "out")
    assert done.returncode == 1
    line = next(i for i, text in enumerate(data.read_text().splitlines(), 1)
                if "id: fossil-fuels" in text)
    assert (f"data/times.yml:{line}: unknown section 'fossil-fuels': docs/talk/pre-training.md"
            " has no heading with that id") in done.stderr
    assert "docs/talk/pre-training.md:" in done.stderr and \
        "section 'fossil-fuel' has no row in data/times.yml" in done.stderr
    typed = len(page.read_text().splitlines())
    assert (f"docs/talk/qa.md:{typed}: a time typed into the page; write"
            " [▶](video:<section-id>){ .timestamp }") in done.stderr


def test_every_built_timestamp_comes_from_the_data(site: Path):
    urls = {t.url for t in ROWS}
    links = [a for path in site.rglob("*.html")
             for a in parse(path.read_text()).find_all("a", class_="timestamp")]
    assert len(links) > 100
    assert all(a["href"] in urls for a in links)
    assert not any(a["href"].startswith("video:") for a in links)


def test_a_link_title_says_how_sure_the_time_is_in_plain_english():
    row = next(t for t in ROWS if not t.estimated)
    assert replace(row, uncertainty_s=1).title == "From a timed transcript, within about 1 second"
    assert replace(row, uncertainty_s=1, basis="estimated").title == \
        "Estimated time, within about 1 second"
    assert replace(row, uncertainty_s=10).title.endswith("within about 10 seconds")
