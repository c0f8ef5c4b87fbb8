"""Schemathesis against /openapi.json: every documented operation, a bounded number of examples.

The longer run, against a real `radiocode serve`, is ``python bench/schemathesis_long.py``.
"""

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from radiocode.web import create_app

CONFIG = Path(__file__).parents[2] / "bench" / "schemathesis.toml"

# The app as `radiocode serve --rate-limit off` builds it: no RADIOCODE_* set, nothing counted.
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(), config=schemathesis.Config.from_path(CONFIG))


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api(case):
    case.call_and_validate()
