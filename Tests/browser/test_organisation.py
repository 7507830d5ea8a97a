"""An organisation site in Chromium: two generated team sites and one that was never
published, read from disk. The members table worst first, the notice for the unavailable
member, the components page, the search over every team's services (and the whole table
without JavaScript), and no sideways scrolling on a phone. Screenshots of the index and the
components page at 1,366 and 390 px wide are left in the test output folder to look at."""
import json
import shutil
import subprocess

import pytest

from conftest import BINARY, OUTPUT, ROOT, TODAY


@pytest.fixture(scope="session")
def organisation_site():
    work = OUTPUT / "organisation"
    shutil.rmtree(work, ignore_errors=True)
    for name, count, seed in (("shop", 40, 11), ("data", 25, 12)):
        subprocess.run([str(ROOT / "scripts" / "gen-inventory"), str(count), str(work / name), "--seed", str(seed)], check=True)
        subprocess.run([BINARY, "build", "--source", str(work / name), "--output", str(work / name / "public"), "--today", TODAY],
                       check=True, capture_output=True)
    (work / "org" / "content").mkdir(parents=True)
    (work / "org" / "content" / "_index.md").write_text(
        "---\ntitle: Example Co.\nmembers:\n"
        "  - { name: Shop, path: ../shop/public, team: storefront }\n"
        "  - { name: Data, path: ../data/public, team: data }\n"
        "  - { name: Legacy, path: ../legacy/public, team: storefront }\n---\n", encoding="utf-8")
    shutil.copy(work / "shop" / "content" / "standards.md", work / "org" / "content" / "standards.md")
    subprocess.run([BINARY, "build", "--source", str(work / "org"), "--output", str(work / "org" / "public"), "--today", TODAY],
                   check=True, capture_output=True)
    return work / "org" / "public"


def open_page(driver, site, page, width=1366, height=900):
    driver.set_window_size(width, height)
    driver.get((site / page).as_uri())


def test_members_worst_first_with_the_unavailable_member_noticed(browser, organisation_site):
    open_page(browser, organisation_site, "organisation/index.html")
    names = browser.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#members tbody tr'), function (r) { return r.cells[0].textContent; });")
    data = json.loads((organisation_site / "organisation.json").read_text(encoding="utf-8"))
    assert names == [member["name"] for member in data["members"]]
    assert names[0] == "Legacy"
    notice = browser.find_element("css selector", "#member-notices").text
    assert "Legacy: unavailable" in notice and "no such file" in notice
    shop = next(member for member in data["members"] if member["name"] == "Shop")
    row = browser.find_elements("css selector", "#members tbody tr")[names.index("Shop")]
    assert row.find_elements("css selector", "td")[3].text == str(shop["services"])
    browser.save_screenshot(str(OUTPUT / "organisation-index-1366.png"))
    open_page(browser, organisation_site, "organisation/index.html", width=390, height=844)
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    browser.save_screenshot(str(OUTPUT / "organisation-index-390.png"))


def test_components_page_lists_every_version(browser, organisation_site):
    open_page(browser, organisation_site, "organisation/components/index.html")
    data = json.loads((organisation_site / "organisation.json").read_text(encoding="utf-8"))
    node = next(component for component in data["components"] if component["name"] == "node")
    group = browser.find_element("css selector", "#component-node")
    rows = group.find_elements("css selector", "tr")
    assert [row.find_elements("css selector", "td")[1].text.split(" ")[0] for row in rows] == [v["version"] for v in node["versions"]]
    assert all(row.find_elements("css selector", "td")[0].text == "node" for row in rows)
    counts = browser.find_element("css selector", "#component-counts a[href='#component-node']").find_element("xpath", "../..")
    assert counts.find_elements("css selector", "td")[1].text == str(node["distinct"])
    browser.save_screenshot(str(OUTPUT / "organisation-components-1366.png"))
    open_page(browser, organisation_site, "organisation/components/index.html", width=390, height=844)
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    browser.save_screenshot(str(OUTPUT / "organisation-components-390.png"))


def test_search_across_teams(browser, organisation_site):
    from selenium.webdriver.common.keys import Keys
    open_page(browser, organisation_site, "organisation/search/index.html")
    data = json.loads((organisation_site / "organisation.json").read_text(encoding="utf-8"))
    total = len(data["services"])
    assert total > 50
    visible = "return Array.prototype.filter.call(document.querySelectorAll('#org-services tbody tr'), function (r) { return !r.hidden; }).length;"
    assert browser.execute_script(visible) == total
    box = browser.find_element("css selector", "#org-filters input[name=q]")
    box.send_keys("postgres 16.4")
    expected = [s for s in data["services"] if s["components"].get("postgres") == "16.4"]
    assert browser.execute_script(visible) == len(expected) > 0
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("data")
    teams = browser.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll('#org-services tbody tr'), function (r) { return !r.hidden; })"
        ".map(function (r) { return r.cells[1].textContent; });")
    assert "data" in teams
    digest = data["services"][0]["digest"][:15]
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(digest)
    assert browser.execute_script(visible) >= 1
    assert "q=" in browser.current_url
    assert not [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def test_search_page_without_javascript_shows_everything(organisation_site):
    html = (organisation_site / "organisation" / "search" / "index.html").read_text(encoding="utf-8")
    data = json.loads((organisation_site / "organisation.json").read_text(encoding="utf-8"))
    assert html.count("<tr data-search=") == len(data["services"])
    assert '<form class="filters" id="org-filters" hidden>' in html
