"""The site reads like a publication on every page and every screen, measured in Chromium:
body size, line length, the smallest prose, tables on phones, glossary marks, quotes and
footnote markers. Each failure names the page and the element."""
from __future__ import annotations

import pytest
from sitebuild.pages import page_paths

pytestmark = pytest.mark.browser

MEASURE = """(phone) => {
  const problems = [];
  const article = document.querySelector("article");
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "");
  const skip = "code, pre, sup, kbd, svg, .headerlink, .talk-player__screen, .md-source-file";
  const canvas = document.createElement("canvas").getContext("2d");
  /* Body text: the article's own paragraphs, outside asides, tables and lists. */
  const body = [...article.querySelectorAll(":scope > p, .md-content__inner > p")]
    .filter((p) => p.textContent.trim().length > 120);
  for (const p of body) {
    const style = getComputedStyle(p);
    const size = parseFloat(style.fontSize);
    if (size < (phone ? 17 : 18)) problems.push(`${name(p)}: body text ${size}px`);
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = p.textContent.replace(/\\s+/g, " ").trim();
    const perChar = canvas.measureText(text).width / text.length;
    const chars = p.clientWidth / perChar;
    if (chars > 75) problems.push(`${name(p)}: ${Math.round(chars)} characters a line`);
  }
  /* The smallest prose: every visible text in the article. */
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  const small = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest(skip) || !el.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size === 0) continue;  /* text the theme hides, such as a footnote's back-link glyph */
    if (size < 15 && !small.has(el)) { small.add(el); problems.push(`${name(el)}: prose at ${size}px: "${node.textContent.trim().slice(0, 30)}"`); }
    if (/["']/.test(node.textContent) && !el.closest("code, pre, script, style"))
      problems.push(`${name(el)}: straight quote in "${node.textContent.trim().slice(0, 40)}"`);
  }
  /* Tables that scroll sideways. */
  for (const wrap of article.querySelectorAll(".md-typeset__scrollwrap, table")) {
    if (wrap.scrollWidth > wrap.clientWidth + 1)
      problems.push(`${name(wrap)}: scrolls sideways (${wrap.scrollWidth} > ${wrap.clientWidth})`);
  }
  /* Glossary marks: never in a heading or a link, once per term. */
  const seen = new Set();
  for (const term of article.querySelectorAll("abbr")) {
    if (term.closest("h1, h2, h3, h4, h5, h6, .admonition-title")) problems.push(`abbr "${term.textContent}" in a heading`);
    if (term.closest("a")) problems.push(`abbr "${term.textContent}" in a link (two underlines)`);
    const key = term.textContent.toLowerCase();
    if (seen.has(key)) problems.push(`abbr "${term.textContent}" marked twice`);
    seen.add(key);
  }
  /* A comma before a footnote marker only between two markers. */
  for (const sup of article.querySelectorAll('sup[id^="fnref"]')) {
    const before = getComputedStyle(sup, "::before").content;
    const prev = sup.previousSibling;
    if (before.includes(",") && !(prev && prev.nodeName === "SUP"))
      problems.push(`${name(sup)}: stray comma before a footnote marker`);
  }
  return problems;
}"""


# Sizes and line lengths do not change with the colour scheme, so each width is measured in
# one of them (axe checks contrast in both).
@pytest.mark.parametrize("width, scheme", [(390, "dark"), (768, "light"), (1280, "light")])
def test_every_page_reads_well_at_every_width(site, served, browser, width, scheme):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = ctx.new_page()
    report = []
    for path in page_paths(site):
        page.goto(served + path, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")  # sizes in the faces they use
        report += [f"/{path} at {width}px: {p}" for p in page.evaluate(MEASURE, width < 600)]
    ctx.close()
    assert report == [], f"{len(report)} problems:\n" + "\n".join(report[:60])
