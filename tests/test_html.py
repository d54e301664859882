"""Every built page is valid HTML, with one h1, a description, a language and real alt text."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sitebuild.paths import ROOT

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


def css_rules(css: str) -> list[tuple[str, str, str]]:
    """Every style rule of a stylesheet as (enclosing @media or "", selector, declarations)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules, stack, last = [], [], 0
    for brace in re.finditer(r"[{}]", css):
        text, last = css[last:brace.start()].strip(), brace.end()
        if brace[0] == "{":
            stack.append(text)
        elif stack:
            selector = stack.pop()
            if not selector.startswith("@"):
                rules.append((" ".join(stack), selector, text.rstrip(";")))
    return rules


def test_tables_come_prewrapped_and_styled_as_material_styles_bare_tables(site: Path):
    """fix_html writes Material's table wrappers at build time and marks the table, so the
    bundle has nothing to move; site.css must then carry Material's bare-table rules."""
    problems = []
    for page in html_pages(site):
        html = page.read_text()
        for table in re.finditer(r"<table\b[^>]*>", html):
            before = html[max(0, table.start() - 90):table.start()]
            if table[0] not in ('<table class="data-table">', '<table class="data-table cards">') \
                    or not before.endswith(
                    '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'):
                problems.append(f"{page.relative_to(site)}: {table[0]} is not prewrapped;"
                                " scripts/fix_html.py's TABLE pattern no longer matches it")
    material = (site / "assets" / "stylesheets").glob("main.*.min.css")
    theirs = [(media, selector.replace("table:not([class])", "table.data-table"), body)
              for media, selector, body in css_rules(next(material).read_text())
              if "table:not([class])" in selector]
    ours = css_rules((ROOT / "docs" / "assets" / "stylesheets" / "site.css").read_text())
    assert len(theirs) >= 10, "Material's bare-table rules were not found in its main CSS"
    problems += [f"docs/assets/stylesheets/site.css: missing {media + ' ' if media else ''}"
                 f"{selector}{{{body}}}; copy it from Material's rule for table:not([class])"
                 for media, selector, body in theirs if (media, selector, body) not in ours]
    assert problems == [], "\n".join(problems)
