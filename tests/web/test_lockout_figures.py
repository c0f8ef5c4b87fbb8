"""The lockout wait never states a figure that no source states (issue 11).

The largest wait any source reports is about 64 minutes (domain facts, section 4).
For every count of wrong codes the site accepts, the CLI, the wait page, the
result page and the API stay at or below it, lead with one recommendation in
hours and minutes, and past the sources' range say so and point to the dealer.
"""

import json
import re

import pytest
from click.testing import CliRunner

from radiocode.cli import main
from radiocode.lockout import MAX_TRIES, SOURCES, lockout_waits

from .test_html import text_of

#: The longest wait any source states (forum reports "up to ~64 min"; medianav's 2^n reaches 64 at n=6).
LARGEST_STATED = 64
COUNTS = range(1, 51)


def numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"[0-9]+", text)]


def main_text(html: str) -> str:
    """The visible text of <main> only: the footer and header are not about the wait."""
    return text_of(html.split('<main id="main"', 1)[1].split("</main>", 1)[0])


def test_the_site_accepts_fifty_tries():
    assert MAX_TRIES >= 50


def test_no_source_states_more_than_the_largest():
    assert max(source.longest for source in SOURCES) == LARGEST_STATED


@pytest.mark.parametrize("tries", COUNTS)
def test_estimate_stays_within_the_sources(tries):
    estimate = lockout_waits(tries)
    assert 0 < estimate.recommended <= LARGEST_STATED
    assert estimate.longest <= LARGEST_STATED
    assert all(wait.minutes is None or wait.minutes <= LARGEST_STATED for wait in estimate.waits)
    assert max(numbers(str(estimate.advice))) <= LARGEST_STATED
    for wait in estimate.waits:
        assert all(n <= LARGEST_STATED for n in numbers(str(wait.rule)))


def test_each_rule_stops_where_its_source_stops():
    by_name = {source.name: source for source in SOURCES}
    assert [by_name["workshop_manual"].minutes(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 32, None]
    assert [by_name["medianav"].minutes(n) for n in range(1, 8)] == [2, 4, 8, 16, 32, 64, None]
    assert [by_name["code_seller"].minutes(n) for n in (1, 2, 3, 4, 50)] == [0, 0, 60, 60, 60]
    assert by_name["forum"].minutes(3) is None and by_name["forum"].longest == 64
    assert by_name["seed_page"].minutes(3) is None and by_name["seed_page"].longest == 60


def test_recommendation_in_hours_and_minutes():
    assert str(lockout_waits(6).advice) == "Leave the radio switched on for 1 h 04 min before the next try."
    assert str(lockout_waits(3).advice) == "Leave the radio switched on for 1 h 00 min before the next try."
    assert str(lockout_waits(1).advice) == "Leave the radio switched on for 2 min before the next try."


def test_recommendation_never_shrinks():
    waits = [lockout_waits(n).recommended for n in COUNTS]
    assert waits == sorted(waits)


@pytest.mark.parametrize("tries", [7, 20, 50])
def test_past_the_sources_range_says_so_and_points_to_the_dealer(tries):
    estimate = lockout_waits(tries)
    assert estimate.past_sources
    advice = str(estimate.advice)
    assert "stop at 6 wrong codes: no source says" in advice and "ask a dealer" in advice
    assert estimate.recommended == LARGEST_STATED


def test_within_the_range_is_not_past_it():
    assert not any(lockout_waits(n).past_sources for n in range(1, 7))


def test_cli_for_every_count():
    runner = CliRunner()
    for tries in COUNTS:
        result = runner.invoke(main, ["wait", str(tries)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert max(numbers(result.stdout)) <= LARGEST_STATED, (tries, result.stdout)
    assert runner.invoke(main, ["wait", "20"]).stdout.startswith("The sources' schedules stop at 6 wrong codes")
    assert runner.invoke(main, ["wait", "51"]).exit_code != 0


def test_cli_names_no_unweighable_source():
    result = CliRunner().invoke(main, ["wait", "3"])
    assert "The page this project started from" not in result.stdout
    assert "A radio-code website's Midlum page" in result.stdout


def test_pages_and_api_for_every_count(client):
    for tries in COUNTS:
        page = client.get("/wait", params={"tries": str(tries)})
        assert page.status_code == 200, tries
        text = main_text(page.text)
        assert max(numbers(text)) <= LARGEST_STATED, (tries, text)
        assert f'data-minutes="{lockout_waits(tries).recommended}"' in page.text
        result = client.get("/code", params={"input": "A123", "tries": str(tries)})
        assert result.status_code == 200
        section = result.text.split('<section id="wait"', 1)[1].split("</section>", 1)[0]
        assert max(numbers(text_of(section))) <= LARGEST_STATED, (tries, section)
        api = client.get("/api/v1/wait", params={"tries": str(tries)})
        assert api.status_code == 200
        data = api.json()
        assert data["recommended_minutes"] <= LARGEST_STATED
        assert max(numbers(json.dumps(data))) <= LARGEST_STATED, (tries, data)
    assert client.get("/wait", params={"tries": "51"}).status_code == 422
    assert client.get("/api/v1/wait", params={"tries": "51"}).status_code == 422


def test_wait_page_leads_with_one_recommendation_and_folds_the_sources(client):
    html = client.get("/wait", params={"tries": "6"}).text
    advice = html.index('class="advice"')
    details = html.index("<details")
    assert advice < details < html.index('class="sources"')
    assert "1 h 04 min" in html[advice:details]
    assert "The page this project started from" not in html
