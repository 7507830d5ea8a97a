"""calendar.ics read by a real iCalendar parser (icalendar): the example's due dates, their
summaries and links, and UIDs that stay the same when the site is built again."""
import datetime
import subprocess

import icalendar

from conftest import BINARY, ROOT


def events(site):
    calendar = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    return [component for component in calendar.walk("VEVENT")]


def by_uid(site):
    return {str(event["UID"]): event for event in events(site)}


def test_the_example_calendar_parses_and_names_each_due_date(example_site):
    found = by_uid(example_site)
    assert len(found) == len(events(example_site)), "UIDs are unique"
    storefront = found["exception/storefront-web/postgres/15@inventory.internal.example"]
    assert str(storefront["SUMMARY"]) == "Exception ends: Storefront web may stay on postgres 15"
    assert storefront["DTSTART"].dt == datetime.date(2027, 1, 31)
    assert storefront["DTEND"].dt == datetime.date(2027, 2, 1)
    assert str(storefront["URL"]) == "https://inventory.internal.example/services/storefront-web/index.html"
    review = found["review@inventory.internal.example"]
    assert review["DTSTART"].dt == datetime.date(2027, 1, 15)
    assert str(review["SUMMARY"]) == "Review of the standard"
    summaries = [str(event["SUMMARY"]) for event in events(example_site)]
    assert any(s.startswith("End of life: ") for s in summaries), summaries
    assert any(s.startswith("Image goes stale: ") for s in summaries), summaries
    assert any(s.startswith("Rollback practice goes stale: ") for s in summaries), summaries
    # Every event is a whole day, in date order.
    starts = [event["DTSTART"].dt for event in events(example_site)]
    assert all(type(day) is datetime.date for day in starts)
    assert starts == sorted(starts)


def test_the_same_events_keep_their_uids_when_the_site_is_built_again(example_site, tmp_path):
    later = tmp_path / "later"
    subprocess.run([BINARY, "build", "--source", str(ROOT), "--output", str(later), "--today", "2026-12-15"],
                   check=True, capture_output=True)
    first, again = by_uid(example_site), by_uid(later)
    assert set(first) == set(again)
    for uid, event in first.items():
        assert event["DTSTART"].dt == again[uid]["DTSTART"].dt, uid
    assert str(again[next(iter(again))]["DTSTAMP"].dt.date()) == "2026-12-15"


def test_every_page_links_the_calendar_and_the_review_page_gives_the_address(example_site):
    assert 'href="calendar.ics"' in (example_site / "index.html").read_text()
    assert 'href="../../calendar.ics"' in (example_site / "services" / "storefront-web" / "index.html").read_text()
    review = (example_site / "review" / "index.html").read_text()
    assert "https://inventory.internal.example/calendar.ics" in review
