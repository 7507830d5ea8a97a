"""The history from git in a browser: the progress page's charts and a service's timeline, on a
generated repository of 200 services with a year of daily commits (scripts/gen-history)."""
import re
import subprocess

import pytest

from conftest import OUTPUT, ROOT, build


@pytest.fixture(scope="session")
def history_site():
    source = OUTPUT / "history-200"
    if not (source / ".git").exists():
        subprocess.run([str(ROOT / "scripts" / "gen-history"), "200", str(source)], check=True, capture_output=True)
    return source, build(source, OUTPUT / "history-200-public")


def changed_service(source):
    """The service whose file the most commits changed."""
    log = subprocess.run(["git", "-C", str(source), "log", "--format=", "--name-only", "--", "content/services"],
                         check=True, capture_output=True, text=True).stdout.split()
    return max(sorted(set(log)), key=log.count).rsplit("/", 1)[-1][:-3]


def test_progress_page_charts_every_series(browser, history_site):
    source, site = history_site
    browser.get((site / "progress" / "index.html").as_uri())
    figures = browser.find_elements("css selector", "figure.history")
    names = [f.find_element("css selector", "figcaption strong").text for f in figures]
    assert names[:8] == ["node", "python", "java", "go", "postgres", "redis", "nginx", "debian"]
    assert names[8:] == ["services on the standard path", "errors", "warnings", "open exceptions", "distinct base images"]
    for figure in figures:
        assert figure.find_element("css selector", "svg.chart.history path.series")
        assert len(figure.find_elements("css selector", "ul.changes li")) == 2
    changes = figures[0].find_element("css selector", "ul.changes").text.split("\n")
    assert re.fullmatch(r"node: \d+ versions?( → \d+|, unchanged) in 30 days", changes[0]), changes
    assert re.fullmatch(r"node: \d+ versions?( → \d+|, unchanged) in 90 days", changes[1]), changes
    # Every chart fits its column at a phone's width.
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        browser.get((site / "progress" / "index.html").as_uri())
        overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_service_timeline_lists_commits(browser, history_site):
    source, site = history_site
    slug = changed_service(source)
    browser.get((site / "services" / slug / "index.html").as_uri())
    entries = browser.find_elements("css selector", "ol.timeline > li")
    assert len(entries) >= 3
    first = entries[0].text
    assert first.startswith("2026-"), first
    assert any("→" in e.text for e in entries)


@pytest.mark.parametrize("width,height", [(1366, 900), (390, 844)])
def test_history_screenshots(browser, history_site, width, height):
    source, site = history_site
    shots = OUTPUT / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    slug = changed_service(source)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700})
    try:
        for name, path in (("progress-history", site / "progress" / "index.html"),
                           ("service-timeline", site / "services" / slug / "index.html")):
            browser.get(path.as_uri())
            anchor = "h2" if name == "progress-history" else "#timeline"
            target = [h for h in browser.find_elements("css selector", anchor) if name != "progress-history" or h.text == "Over time"][0]
            browser.execute_script("arguments[0].scrollIntoView()", target)
            shot = shots / f"{name}-{width}.png"
            assert browser.save_screenshot(str(shot))
            assert shot.stat().st_size > 10_000
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
