"""The web app manifest and its icons: what an installable app needs."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

STATIC = Path(__file__).resolve().parents[2] / "src" / "radiocode" / "web" / "static"


def test_manifest_names_the_app_and_its_icons():
    manifest = json.loads((STATIC / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["start_url"] == manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["short_name"] == "radiocode"
    sizes = {}
    for icon in manifest["icons"]:
        path = STATIC / icon["src"].removeprefix("/static/")
        assert path.is_file(), icon["src"]
        if icon["type"] == "image/png":
            with Image.open(path) as image:
                assert icon["sizes"] == "%dx%d" % image.size
            sizes.setdefault(icon["purpose"], set()).add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes["any"]
    assert "512x512" in sizes["maskable"]


def test_the_worker_caches_only_files_that_exist():
    worker = (STATIC / "sw.js").read_text(encoding="utf-8")
    for name in ["site.css", "site.js", "core-data.js", "core.js", "offline.js", "shell.js", "icon.svg", "manifest.webmanifest",
                 "icons/icon-192.png", "icons/icon-512.png", "icons/maskable-512.png"]:  # fmt: skip
        assert f'"/static/{name}"' in worker
        assert (STATIC / name).is_file()
