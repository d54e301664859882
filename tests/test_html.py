"""Every built page is valid HTML, with one h1, a description, a language and real alt text."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_nu_validator_finds_no_errors(site: Path):
    java = shutil.which("java")
    if not (java and VNU.exists()):
        message = ("the Nu validator needs Java and node_modules/vnu-jar (make test installs it"
                   " with npm when npm is present)")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "gnu",
                           *map(str, html_pages(site))], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr.replace(str(site), "site")


@pytest.mark.parametrize("check", ["h1", "description", "lang", "alt", "title"])
def test_every_page_has_the_basics(site: Path, check: str):
    problems = []
    for page in html_pages(site):
        html, name = page.read_text(), page.relative_to(site)
        if check == "h1" and len(re.findall(r"<h1\b", html)) != 1:
            problems.append(f"{name}: {len(re.findall(r'<h1', html))} h1 elements, want 1")
        if check == "description":
            meta = re.search(r'<meta name="description" content="([^"]*)"', html)
            if not meta or len(meta[1]) < 50:
                problems.append(f"{name}: no meta description of 50+ characters")
        if check == "lang" and not re.search(r'<html lang="en"', html):
            problems.append(f"{name}: no lang on <html>")
        if check == "alt":
            for img in re.findall(r"<img\b[^>]*>", html):
                alt = re.search(r'alt="([^"]*)"', img)
                if not alt or len(alt[1].split()) < 3:
                    problems.append(f"{name}: image without meaningful alt text: {img[:120]}")
        if check == "title" and not re.search(r"<title>[^<]{10,}</title>", html):
            problems.append(f"{name}: no <title>")
    assert problems == [], "\n".join(problems)
