"""The inventory page as a team scans it, in Chromium: on the bundled example and on a
generated inventory of 1,000 services. Severity order, search, version sort, the headline
boxes as filters, the page without JavaScript, and the cards on a phone."""
import re
import shutil

import pytest
import yaml

from conftest import OUTPUT


def console_errors(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]


def settled(driver):
    """Waits until the table has written every row of a sort or filter (the first screenful is
    written at once, the rest on the frames after, while the table says aria-busy)."""
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return !document.getElementById('inventory').hasAttribute('aria-busy')"))


def shown_rows(driver):
    """(slug, classes, production version) of each row shown, in the page's order."""
    settled(driver)
    return driver.execute_script("""
        return Array.prototype.filter.call(document.querySelectorAll('#inventory tbody tr'), function (row) { return !row.hidden; })
          .map(function (row) {
            var href = row.cells[1].querySelector('a').getAttribute('href');
            return [href.split('/')[1], row.className, row.cells[3].textContent];
          });""")


def search(driver, text):
    """Types into the search box as a user does, replacing what it held."""
    from selenium.webdriver.common.keys import Keys
    box = driver.find_element("css selector", "#filters input[name=q]")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(text if text else Keys.BACKSPACE)
    return [slug for slug, _, _ in shown_rows(driver)]


def services(source):
    """The active services of a content folder, by slug, as their front matter."""
    found = {}
    for path in sorted((source / "content" / "services").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n")[1])
        if front.get("status", "active") == "active":
            found[path.stem] = front
    return found


def searchable(front):
    """What the search may look through for a service: its own words, components, images."""
    words = [front.get("name", ""), front.get("description", ""), front.get("owner", ""), front.get("note", ""),
             front.get("base_image", "")]
    components = dict(front.get("components") or {})
    environments = front.get("environments") or {}
    for environment in environments.values():
        for name, version in (environment.get("components") or {}).items():
            words.append(f"{name} {version}")
    words += [f"{name} {version}" for name, version in components.items()]
    production = environments.get("production") or next(iter(environments.values()), {})
    words += [str(production.get("version", "")), production.get("image", ""), production.get("digest", "")]
    return " ".join(str(w) for w in words if w).lower()


def version_key(text):
    numbers = re.match(r"v?(\d+(?:\.\d+)*)", text)
    return tuple(int(n) for n in numbers.group(1).split(".")) if numbers else (float("inf"),)


SEVERITY_ORDER = {"error": 0, "warning": 1, "ok": 2}


def urgency(classes):
    names = classes.split()
    if "error" in names:
        return 0
    if "warning" in names:
        return 1
    return 2 if "blocks" in names else 3


@pytest.fixture
def page(browser):
    browser.set_window_size(1366, 900)
    yield browser
    browser.set_window_size(1280, 1400)


def test_example_rows_come_most_urgent_first(page, example_site):
    page.get((example_site / "index.html").as_uri())
    rows = shown_rows(page)
    assert [slug for slug, _, _ in rows] == ["admin-tool", "order-worker", "storefront-web", "search-api", "edge-proxy"]
    assert [classes for _, classes, _ in rows] == ["error blocks", "error", "error", "error", "ok"]
    first = page.find_element("css selector", "#inventory tbody tr")
    # Severity by shape as well as colour: the mark before the counts.
    assert page.execute_script("return getComputedStyle(arguments[0].cells[0], '::before').content", first) == '"✖"'
    assert first.find_element("css selector", "td").text.endswith("2 errors · 9 warnings")
    colour = page.execute_script("return getComputedStyle(arguments[0].cells[0]).color", first)
    fine = page.execute_script("return getComputedStyle(document.querySelector('#inventory tbody tr.ok').cells[0]).color")
    assert colour != fine
    # One line per row.
    heights = page.execute_script("return Array.prototype.map.call(document.querySelectorAll('#inventory tbody tr'), function (r) { return r.getBoundingClientRect().height; })")
    assert max(heights) < 40
    assert console_errors(page) == []


def test_headline_boxes_filter_the_table(page, example_site):
    page.get((example_site / "index.html").as_uri())
    page.find_element("css selector", "#counts li.error a").click()
    assert [slug for slug, _, _ in shown_rows(page)] == ["admin-tool", "order-worker", "storefront-web", "search-api"]
    assert "status=error" in page.current_url
    page.find_element("css selector", "#counts li.ok a").click()
    assert [slug for slug, _, _ in shown_rows(page)] == ["edge-proxy"]
    page.find_element("css selector", "#counts li.blocks a").click()
    assert [slug for slug, _, _ in shown_rows(page)] == ["admin-tool"]
    page.find_element("css selector", "#counts li:first-child a").click()
    assert len(shown_rows(page)) == 5
    assert "status" not in page.current_url


def test_example_search_finds_what_an_upgrade_asks(page, example_site):
    page.get((example_site / "index.html").as_uri())
    # Components are not shown in the row, yet a search for one finds the services that run it.
    assert sorted(search(page, "node")) == ["admin-tool", "search-api", "storefront-web"]
    assert search(page, "20.11.1") == ["storefront-web"]
    assert search(page, "registry.example.com/team/order-worker:2.3.0") == ["order-worker"]
    assert search(page, "sha256:4b2a6f") == ["storefront-web"]
    assert search(page, "node 18") == ["admin-tool"]
    assert len(search(page, "")) == 5


def test_example_page_without_javascript(browser, example_site):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get((example_site / "index.html").as_uri())
        rows = browser.find_elements("css selector", "#inventory tbody tr")
        assert len(rows) == 5 and all(row.is_displayed() for row in rows)
        assert not browser.find_element("id", "filters").is_displayed()
        assert browser.find_element("id", "shown").text == ""
        assert "cache-warmer" in browser.find_element("id", "outside").text
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_phone_cards_keep_their_labels(browser, example_site):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        browser.get((example_site / "index.html").as_uri())
        first = browser.find_element("css selector", "#inventory tbody tr")
        labels = browser.execute_script(
            "return Array.prototype.map.call(arguments[0].cells, function (c) { return getComputedStyle(c, '::before').content; })", first)
        assert labels[2:] == ['"Owner"', '"Production"', '"Base image"', '"Rebuilt"', '"Reasons"', '"Note"']
        image = first.find_elements("css selector", "td")[4]
        # The image reference fits its card: it is not cut mid-word.
        assert browser.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth", image)
        assert image.text.endswith("custom/legacy-admin:latest")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_thousand_services_severity_order_and_counts(page, generated_1000):
    source, site = generated_1000
    page.get((site / "index.html").as_uri())
    rows = shown_rows(page)
    assert len(rows) == len(services(source))
    levels = [urgency(classes) for _, classes, _ in rows]
    assert levels == sorted(levels)
    assert levels[0] == 0
    # The first screen of a 1,366 x 900 display shows 20 rows or more, without scrolling: a
    # browser window there leaves a viewport of about 1,366 x 757 (Chromium's own window at
    # that size), and the title, "Start here", "Not in the inventory", the counts and the
    # filters all sit above the table.
    page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1366, "height": 757, "deviceScaleFactor": 1, "mobile": False})
    page.get((site / "index.html").as_uri())
    on_screen = page.execute_script("""
        return Array.prototype.filter.call(document.querySelectorAll('#inventory tbody tr'), function (r) {
          var box = r.getBoundingClientRect(); return box.bottom <= innerHeight && box.top >= 0; }).length""")
    page.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert on_screen >= 20, on_screen
    errors = int(page.find_element("css selector", "#counts li.error strong").text)
    assert levels.count(0) == errors
    assert console_errors(page) == []


def test_thousand_services_search(page, generated_1000):
    source, site = generated_1000
    everything = services(source)
    page.get((site / "index.html").as_uri())

    def expected(text):
        return sorted(slug for slug, front in everything.items() if text.lower() in searchable(front))

    assert sorted(search(page, "node")) == expected("node")
    assert len(expected("node")) > 50
    assert sorted(search(page, "20.11.1")) == expected("20.11.1")
    slug, front = next((s, f) for s, f in everything.items() if (f.get("environments") or {}).get("production", {}).get("digest"))
    production = front["environments"]["production"]
    assert search(page, production["image"]) == expected(production["image"])
    assert slug in expected(production["image"])
    prefix = production["digest"][:19]
    assert search(page, prefix) == [slug]
    assert len(search(page, "")) == len(everything)


def test_thousand_services_version_sort(page, generated_1000):
    _, site = generated_1000
    page.get((site / "index.html").as_uri())
    production = page.find_element("css selector", "#inventory thead th:nth-child(4)")
    production.click()
    versions = [version for _, _, version in shown_rows(page)]
    assert versions == sorted(versions, key=version_key)
    # Not text order: 1.10 comes after 1.9.
    assert versions.index(next(v for v in versions if v.startswith("1.10."))) > versions.index(next(v for v in versions if v.startswith("1.9.")))
    production.click()
    assert [version for _, _, version in shown_rows(page)] == sorted(versions, key=version_key, reverse=True)
    status = page.find_element("css selector", "#inventory thead th:nth-child(1)")
    status.click()
    levels = [urgency(classes) for _, classes, _ in shown_rows(page)]
    assert levels == sorted(levels)
    assert console_errors(page) == []


def test_thousand_services_first_screen_is_right_at_once(page, generated_1000):
    """A sort or a filter writes the first screenful of rows before the next frame, and the rest
    on the frames after; what the first frame shows is already the final table's top."""
    _, site = generated_1000
    page.get((site / "index.html").as_uri())
    first_screen = """
        var rows = Array.prototype.filter.call(document.querySelectorAll('#inventory tbody tr'), function (row) { return !row.hidden; });
        return [document.getElementById('inventory').hasAttribute('aria-busy'),
                rows.slice(0, 20).map(function (row) { return row.cells[1].querySelector('a').getAttribute('href'); })];"""
    busy, top = page.execute_script("document.querySelector('#inventory thead th:nth-child(2)').click();" + first_screen)
    assert busy, "a thousand rows were all written in the click's own task"
    assert [href.split("/")[1] for href in top] == [slug for slug, _, _ in shown_rows(page)][:20]
    busy, top = page.execute_script(
        "var q = document.querySelector('#filters input[name=q]'); q.value = 'node';"
        "q.dispatchEvent(new Event('input', {bubbles: true}));" + first_screen)
    assert [href.split("/")[1] for href in top] == [slug for slug, _, _ in shown_rows(page)][:20]


def test_thousand_services_interactions_in_quick_succession(page, generated_1000):
    """A filter, a sort and clearing the filter, each before the one before it has finished
    writing: the table ends as if each had had all the time it needed."""
    source, site = generated_1000
    everything = services(source)
    page.get((site / "index.html").as_uri())
    page.execute_script("""
        var q = document.querySelector('#filters input[name=q]');
        q.value = 'node'; q.dispatchEvent(new Event('input', {bubbles: true}));
        document.querySelector('#inventory thead th:nth-child(4)').click();
        q.value = ''; q.dispatchEvent(new Event('input', {bubbles: true}));
        document.querySelector('#inventory thead th:nth-child(4)').click();""")
    rows = shown_rows(page)
    assert len(rows) == len(everything)
    versions = [version for _, _, version in rows]
    assert versions == sorted(versions, key=version_key, reverse=True)
    assert page.execute_script("return document.querySelectorAll('#inventory tbody tr').length") == len(everything)
    # Every group holds ten rows again, in order: the last group the rest.
    sizes = page.execute_script("return Array.prototype.map.call(document.getElementById('inventory').tBodies, function (b) { return b.rows.length; })")
    assert sizes[:-1] == [10] * (len(sizes) - 1) and 0 < sizes[-1] <= 10
    assert console_errors(page) == []


@pytest.mark.parametrize("size", ["example", "1000"])
def test_inventory_screenshots(browser, example_site, generated_1000, size):
    site = example_site if size == "example" else generated_1000[1]
    shots = OUTPUT / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700})
        try:
            browser.get((site / "index.html").as_uri())
            path = shots / f"index-{size}-{width}.png"
            assert browser.save_screenshot(str(path))
            assert path.stat().st_size > 10_000
        finally:
            browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
