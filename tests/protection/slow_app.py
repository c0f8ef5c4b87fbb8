"""The real app plus one route that takes two seconds, to have a request in flight at shutdown."""

import asyncio

from radiocode.web.app import create_app as build


def create_app():
    app = build()

    @app.get("/slow", include_in_schema=False)
    async def slow() -> dict[str, bool]:
        await asyncio.sleep(2)
        return {"finished": True}

    return app
