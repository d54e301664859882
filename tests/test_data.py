"""The data checks: every kind of bad row fails with file:line, what is wrong and the fix."""
from __future__ import annotations

import shutil
from pathlib import Path

import brain_chart
import pytest

GOOD_ROW = "Vulpes lagopus,arctic fox,mammal,3385.0,44.5,allison1976"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the real data file and its metadata in a temporary folder."""
    shutil.copy(brain_chart.DATA, tmp_path / "brain_body.csv")
    shutil.copy(brain_chart.META, tmp_path / "brain_body.meta.yml")
    return tmp_path / "brain_body.csv"


def load(csv: Path) -> list[brain_chart.Species]:
    return brain_chart.load_species(csv, brain_chart.load_meta(csv.with_suffix(".meta.yml")))


def replace_line(path: Path, line: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def error_of(csv: Path) -> str:
    with pytest.raises(brain_chart.DataError) as caught:
        load(csv)
    return str(caught.value)


def test_the_real_data_loads_with_every_row():
    species = load(brain_chart.DATA)
    assert len(species) == len(brain_chart.DATA.read_text().splitlines()) - 1
    assert {s.group for s in species} == set(brain_chart.GROUPS)


@pytest.mark.parametrize("row, message", [
    ("Vulpes lagopus,arctic fox,mammal,3385.0,44.5",
     ':2: expected 6 columns (species,common_name,group,body_mass_g,brain_mass_g,source), got 5'),
    (GOOD_ROW + ",extra",
     ":2: expected 6 columns"),
    ("Vulpes lagopus,arctic fox,mammal,heavy,44.5,allison1976",
     ':2: body_mass_g must be a positive number in grams, got "heavy"'),
    ("Vulpes lagopus,arctic fox,mammal,3385.0,-3,allison1976",
     ':2: brain_mass_g must be a positive number in grams, got "-3"'),
    ("Vulpes lagopus,arctic fox,mammal,0,44.5,allison1976",
     ':2: body_mass_g must be a positive number in grams, got "0"'),
    ("Vulpes lagopus,arctic fox,mammal,nan,44.5,allison1976",
     ':2: body_mass_g must be a positive number in grams, got "nan"'),
    ("Vulpes lagopus,arctic fox,bird,3385.0,44.5,allison1976",
     ':2: group must be one of mammal, primate, hominin, got "bird"'),
    ("Vulpes lagopus,arctic fox,mammal,3385.0,44.5,nobody2020",
     ':2: source "nobody2020" has no entry under sources: in'),
])
def test_a_bad_row_names_file_line_and_problem(data: Path, row: str, message: str):
    replace_line(data, 2, row)
    error = error_of(data)
    assert f"brain_body.csv{message}" in error


def test_a_duplicate_species_names_both_lines(data: Path):
    replace_line(data, 2, "Homo sapiens,modern human,hominin,57800.0,1397.56,monson2024")
    last = len(data.read_text().splitlines())
    assert (f'brain_body.csv:{last}: duplicate species "Homo sapiens" (first on line 2);'
            " keep one row per species") in error_of(data)


def test_a_wrong_header_is_refused(data: Path):
    replace_line(data, 1, "species,common_name,group,body_mass_kg,brain_mass_g,source")
    assert "brain_body.csv:1: the header must be exactly species,common_name,group," \
           "body_mass_g,brain_mass_g,source; got" in error_of(data)


def test_every_problem_is_reported_at_once(data: Path):
    replace_line(data, 2, "Vulpes lagopus,arctic fox,bird,3385.0,44.5,allison1976")
    replace_line(data, 5, "Capra hircus,goat,mammal,-1,115.0,allison1976")
    error = error_of(data)
    assert ":2: group must be one of" in error and ":5: body_mass_g must be" in error


def test_an_unused_source_points_at_its_metadata_line(data: Path):
    meta = data.with_suffix(".meta.yml")
    text = meta.read_text()
    meta.write_text(text + """  spare2020:
    producer: Nobody
    title: Unused
    citation: Nobody (2020). Unused.
    url: https://example.org/
    via: nowhere
    accessed: 2026-11-26
    licence: none
""")
    line = text.count("\n") + 1
    assert (f"brain_body.meta.yml:{line}: source 'spare2020' is used by no row of"
            in error_of(data))
    assert "remove it or add the rows it supplies" in error_of(data)


def test_a_source_without_a_licence_is_refused(data: Path):
    meta = data.with_suffix(".meta.yml")
    text = meta.read_text()
    meta.write_text(text.replace("    licence: No licence file in the repository; its README"
                                 " asks users to cite the paper.\n", ""))
    line = next(no for no, t in enumerate(text.splitlines(), 1) if t == "  monson2024:")
    with pytest.raises(brain_chart.DataError) as caught:
        brain_chart.load_meta(meta)
    assert f"brain_body.meta.yml:{line}: source 'monson2024' lacks licence" in str(caught.value)


def test_t_quantiles_match_published_tables():
    for df, expected in ((1, 12.7062), (9, 2.26216), (42, 2.01808), (50, 2.00856)):
        assert brain_chart.t_quantile(0.975, df) == pytest.approx(expected, abs=2e-4)


def test_the_fit_recovers_a_known_exponent():
    body = [10.0 ** (k / 4) for k in range(1, 30)]
    wobble = [1.1 if k % 2 else 1 / 1.1 for k in range(1, 30)]
    brain = [0.05 * b ** 0.75 * w for b, w in zip(body, wobble, strict=True)]
    fit = brain_chart.fit_slope("mammal", body, brain)
    assert fit.n == 29
    assert fit.slope == pytest.approx(0.75, abs=0.01)
    assert fit.ci_low < 0.75 < fit.ci_high
    assert fit.ci_high - fit.ci_low < 0.05
    assert 10 ** fit.intercept == pytest.approx(0.05, rel=0.1)


def test_an_exact_power_law_has_no_uncertainty():
    body = [1.0, 10.0, 100.0, 1000.0]
    fit = brain_chart.fit_slope("hominin", body, [2 * b ** 1.3 for b in body])
    assert fit.slope == pytest.approx(1.3)
    assert fit.ci_high - fit.ci_low == pytest.approx(0, abs=1e-9)
    assert fit.r2 == pytest.approx(1.0)


def test_the_real_slopes_match_the_reference_analysis():
    fits = {f.group: f for f in brain_chart.fit_groups(load(brain_chart.DATA))}
    assert (fits["mammal"].n, round(fits["mammal"].slope, 3)) == (52, 0.739)
    assert (fits["primate"].n, round(fits["primate"].slope, 3)) == (44, 0.785)
    assert (fits["hominin"].n, round(fits["hominin"].slope, 3)) == (11, 1.293)
    assert (round(fits["hominin"].ci_low, 3), round(fits["hominin"].ci_high, 3)) == (0.910, 1.676)
