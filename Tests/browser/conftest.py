"""Fixtures for the browser and link tests: the built sites and a headless Chromium."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUTPUT = pathlib.Path(os.environ.get("SHORTPATH_TEST_OUTPUT", ROOT / ".build" / "test-output"))
BINARY = os.environ.get("SHORTPATH_BIN", str(ROOT / ".build" / "debug" / "shortpath"))
TODAY = "2026-11-27"


def build(source, output):
    subprocess.run([BINARY, "build", "--source", str(source), "--output", str(output), "--today", TODAY],
                   check=True, capture_output=True)
    return output


@pytest.fixture(scope="session")
def example_site():
    return build(ROOT, OUTPUT / "example")


@pytest.fixture(scope="session")
def generated_site():
    source = OUTPUT / "generated-200"
    if not (source / "content").exists():
        subprocess.run([str(ROOT / "scripts" / "gen-inventory"), "200", str(source)], check=True)
    return build(source, OUTPUT / "generated-200-public")


@pytest.fixture(scope="session")
def generated_1000():
    """A generated inventory of 1,000 services: its source folder and its built site."""
    source = OUTPUT / "generated-1000"
    if not (source / "content").exists():
        subprocess.run([str(ROOT / "scripts" / "gen-inventory"), "1000", str(source)], check=True)
    return source, build(source, OUTPUT / "generated-1000-public")


@pytest.fixture(scope="session")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1400",
                     "--allow-file-access-from-files"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()
