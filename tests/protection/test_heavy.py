"""Photo uploads: a tighter limit, a size cap and only a few running at once."""

import asyncio

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from radiocode.web.protection import Protection, ProtectionSettings

LABEL = "/api/v1/label"


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory, launcher):
    """Uploads limited to 2 a minute and 1,000 bytes; tests speak as clients of their own."""
    env = {"RADIOCODE_HEAVY_RATE_LIMIT": "2/minute", "RADIOCODE_MAX_UPLOAD_BYTES": "1000"}
    server = launcher(tmp_path_factory.mktemp("server"), "--rate-limit", "20/minute", "--forwarded-allow-ips", "127.0.0.1", env=env)
    yield server
    server.stop()


def test_uploads_have_their_own_tighter_limit(upload_server, new_client, error_shape):
    with httpx.Client(base_url=upload_server.url, headers=new_client()) as client:
        tried = [client.post(LABEL, files={"photo": ("label.jpg", b"\xff\xd8 not a photo", "image/jpeg")}) for _ in range(3)]
        assert [r.status_code == 429 for r in tried] == [False, False, True]
        error_shape(tried[2], 429, "rate_limited")
        assert int(tried[2].headers["retry-after"]) >= 1
        # Other routes still have the rest of the general limit.
        assert client.get("/api/v1/code?input=A123").status_code == 200


def test_an_upload_over_the_size_cap_is_refused_before_it_is_read(upload_server, new_client, error_shape):
    response = httpx.post(upload_server.url + LABEL, content=b"x" * 5000, headers={"content-type": "image/jpeg", **new_client()})
    assert "1 MB" in error_shape(response, 413, "photo_too_large")
    chunked = httpx.post(upload_server.url + LABEL, content=iter([b"x" * 600, b"x" * 600]), headers={"content-type": "image/jpeg", **new_client()})
    error_shape(chunked, 413, "photo_too_large")
    page = httpx.post(upload_server.url + "/label", content=b"x" * 5000, headers={"content-type": "image/jpeg", **new_client()})
    assert page.status_code == 413 and page.headers["content-type"].startswith("text/html")


class TestRunningAtOnce:
    """The bound on uploads running at once, around an upload that takes half a second."""

    async def slow_upload(self, request):
        self.running += 1
        self.most = max(self.most, self.running)
        body = await request.body()
        await asyncio.sleep(0.5)
        self.running -= 1
        return JSONResponse({"bytes": len(body)})

    def client(self, **settings) -> httpx.AsyncClient:
        self.running = self.most = 0
        app = Starlette(routes=[Route(LABEL, self.slow_upload, methods=["POST"]), Route("/api/v1/code", self.slow_upload, methods=["POST"])])
        protected = Protection(app, ProtectionSettings(rate_limit=None, heavy_rate_limit=None, **settings))
        return httpx.AsyncClient(transport=httpx.ASGITransport(protected), base_url="http://radiocode.test")

    @pytest.mark.parametrize("path", [LABEL])
    def test_at_most_n_run_and_the_rest_get_503_busy_after_a_short_wait(self, path, error_shape):
        async def run():
            async with self.client(heavy_concurrency=2, heavy_wait_seconds=0.2) as client:
                return await asyncio.gather(*(client.post(path, content=b"photo") for _ in range(5)))

        answers = asyncio.run(run())
        assert self.most == 2
        assert sorted(a.status_code for a in answers) == [200, 200, 503, 503, 503]
        for busy in (a for a in answers if a.status_code == 503):
            error_shape(busy, 503, "busy")
            assert busy.headers["retry-after"] == "1"

    def test_waiting_uploads_run_when_a_slot_frees(self):
        async def run():
            async with self.client(heavy_concurrency=1, heavy_wait_seconds=5) as client:
                return await asyncio.gather(*(client.post(LABEL, content=b"photo") for _ in range(3)))

        assert [a.status_code for a in asyncio.run(run())] == [200, 200, 200]
        assert self.most == 1

    def test_light_routes_are_not_bounded(self):
        async def run():
            async with self.client(heavy_concurrency=1, heavy_wait_seconds=0.1) as client:
                return await asyncio.gather(*(client.post("/api/v1/code", content=b"x") for _ in range(4)))

        assert [a.status_code for a in asyncio.run(run())] == [200] * 4
        assert self.most == 4

    def test_a_chunked_body_past_the_cap_is_refused_before_the_app_sees_it(self, error_shape):
        async def chunks():
            for _ in range(10):
                yield b"x" * 400

        async def run():
            async with self.client(max_upload_bytes=1000) as client:
                return await client.post(LABEL, content=chunks())

        error_shape(asyncio.run(run()), 413, "photo_too_large")
        assert self.most == 0

    def test_a_body_that_takes_too_long_is_refused(self, error_shape):
        async def trickle():
            for _ in range(3):
                await asyncio.sleep(0.2)
                yield b"x"

        async def run():
            async with self.client(upload_seconds=0.3) as client:
                return await client.post(LABEL, content=trickle())

        error_shape(asyncio.run(run()), 408, "upload_too_slow")
        assert self.most == 0

    def test_the_app_gets_the_whole_body(self):
        async def run():
            async with self.client() as client:
                return await client.post(LABEL, content=b"y" * 70000)

        assert asyncio.run(run()).json() == {"bytes": 70000}
