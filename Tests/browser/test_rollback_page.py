"""The rollback page as it is used at 2 a.m.: one printed page, and readable on a phone (issue 16)."""
import base64
import io
import re

import pytest
from pypdf import PdfReader

from conftest import ROOT

# Paper sizes in inches, as Chromium's Page.printToPDF takes them.
PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}
PHONE_WIDTH = 390


def active_services():
    services = []
    for path in sorted((ROOT / "content" / "services").glob("*.md")):
        status = re.search(r"^status:\s*(\S+)", path.read_text(encoding="utf-8"), re.MULTILINE)
        if status is None or status.group(1) != "retired":
            services.append(path.stem)
    return services


SERVICES = active_services()


def test_the_example_has_the_services_the_issue_names():
    assert SERVICES == ["admin-tool", "edge-proxy", "order-worker", "search-api", "storefront-web"]


def rollback_page(site, service):
    return (site / "services" / service / "rollback" / "index.html").as_uri()


def print_to_pdf(driver, paper):
    width, height = PAPERS[paper]
    result = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": width, "paperHeight": height})
    return base64.b64decode(result["data"])


def page_count(pdf):
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("service", SERVICES)
def test_the_rollback_page_prints_on_one_page(browser, example_site, service, paper):
    browser.get(rollback_page(example_site, service))
    pdf = print_to_pdf(browser, paper)
    reader = PdfReader(io.BytesIO(pdf))
    width, height = PAPERS[paper]
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72, 1), round(float(box.height) / 72, 1)) == (round(width, 1), round(height, 1))
    assert len(reader.pages) == 1, f"{service} prints on {len(reader.pages)} {paper} pages"
    # The page is the procedure, not an empty sheet: its closing line is on it.
    assert "Printed from the inventory as of" in reader.pages[0].extract_text()


SMALLEST_PRINTED_TEXT = """
let smallest = Infinity;
for (const element of document.querySelectorAll('main *')) {
  const hasText = [...element.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.data.trim() !== '');
  if (hasText && element.getClientRects().length > 0) smallest = Math.min(smallest, parseFloat(getComputedStyle(element).fontSize));
}
return smallest;
"""


@pytest.mark.parametrize("service", SERVICES)
def test_the_printed_rollback_page_has_no_text_under_9pt(browser, example_site, service):
    browser.get(rollback_page(example_site, service))
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.execute_script(SMALLEST_PRINTED_TEXT) >= 12  # CSS px: 9pt
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


# Every `code` and `pre` box on the page: for block boxes whether their content is wider than the box,
# for inline ones whether a line fragment runs past the block that holds it or past the viewport.
OVERFLOWS = """
const viewport = document.documentElement.clientWidth;
const problems = [];
for (const element of document.querySelectorAll('main code, main pre')) {
  const style = getComputedStyle(element);
  const label = element.tagName + ': ' + element.textContent.slice(0, 60);
  if (style.display !== 'inline') {
    if (element.scrollWidth > element.clientWidth) problems.push(label + ' scrolls ' + element.scrollWidth + ' > ' + element.clientWidth);
  }
  let block = element.parentElement;
  while (getComputedStyle(block).display === 'inline') block = block.parentElement;
  const holder = block.getBoundingClientRect();
  const right = Math.min(viewport, holder.right - parseFloat(getComputedStyle(block).paddingRight));
  for (const rect of element.getClientRects()) {
    if (rect.right > right + 0.5 || rect.left < -0.5) problems.push(label + ' runs to ' + rect.right + ' > ' + right);
  }
}
return {problems: problems, scrollWidth: document.documentElement.scrollWidth, viewport: viewport,
        count: document.querySelectorAll('main code, main pre').length};
"""


@pytest.fixture
def phone(browser):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": PHONE_WIDTH, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("service", SERVICES)
def test_nothing_is_cut_off_at_390_px(phone, example_site, service):
    phone.get(rollback_page(example_site, service))
    result = phone.execute_script(OVERFLOWS)
    assert result["viewport"] == PHONE_WIDTH
    assert result["count"] > 0
    assert result["problems"] == []
    assert result["scrollWidth"] <= PHONE_WIDTH, "the page scrolls sideways"
    word_breaks = phone.execute_script(
        "return [...document.querySelectorAll('main code, main pre')].map(e => getComputedStyle(e).wordBreak)")
    assert "break-all" not in word_breaks


# Where a line inside a `code` element wraps other than after a space or a separator (/ - : @ = , ? &).
# Runs of 12 or more hex digits (digests) are wider than a phone and may wrap anywhere inside.
MID_WORD_BREAKS = """
const breaks = [];
const hex = /^[0-9a-f]{12,}$/;
for (const code of document.querySelectorAll('main code')) {
  const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data;
    let previousTop = null;
    for (let i = 0; i < text.length; i++) {
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (previousTop !== null && rect.top > previousTop + 2 && !/[\\s\\/\\-:@=,?&]/.test(text[i - 1])) {
        const word = text.slice(0, i).match(/[0-9a-f]*$/)[0] + text.slice(i).match(/^[0-9a-f]*/)[0];
        if (!hex.test(word)) breaks.push(text.slice(Math.max(0, i - 20), i) + '⏎' + text.slice(i, i + 20));
      }
      previousTop = rect.top;
    }
  }
}
return breaks;
"""


@pytest.mark.parametrize("service", SERVICES)
def test_no_word_in_code_is_broken_at_390_px(phone, example_site, service):
    phone.get(rollback_page(example_site, service))
    assert phone.execute_script(MID_WORD_BREAKS) == []
