"""Rate limits on real `radiocode serve` processes: in memory, and shared through a real Redis."""

import re
import signal
import socket
import subprocess
import sys
import time

import httpx
from live_server import free_port

CODE = "/api/v1/code?input=A123"


def statuses(url: str, count: int, **kwargs) -> list[int]:
    with httpx.Client(**kwargs) as client:
        return [client.get(url).status_code for _ in range(count)]


class TestInMemory:
    """On one shared server limited to 3 a minute; each test is a client of its own (``new_client``)."""

    def test_over_the_limit_api_callers_get_429_with_retry_after_and_the_error_shape(self, limited_server, new_client, error_shape):
        client = new_client()
        assert statuses(limited_server.url + CODE, 3, headers=client) == [200] * 3
        response = httpx.get(limited_server.url + CODE, headers=client)
        message = error_shape(response, 429, "rate_limited")
        retry_after = int(response.headers["retry-after"])
        assert 1 <= retry_after <= 60
        assert f"{retry_after} seconds" in message
        # The refusal carries the site's security headers like every other answer.
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        # Another client is not affected.
        assert httpx.get(limited_server.url + CODE, headers=new_client()).status_code == 200

    def test_people_get_a_page_that_says_when_to_come_back(self, limited_server, new_client):
        client = new_client()
        statuses(limited_server.url + "/code?input=A123", 3, headers=client)
        response = httpx.get(limited_server.url + "/code?input=A123", headers=client)
        assert response.status_code == 429
        assert response.headers["content-type"].startswith("text/html")
        assert 1 <= int(response.headers["retry-after"]) <= 60
        html = response.text
        assert "<h1>Please wait a moment</h1>" in html
        assert re.search(r"Please wait \d+ seconds", html)
        # The CSP forbids inline code: every script and style comes from a file.
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert "<style" not in html and " style=" not in html
        assert 'lang="en"' in html and '<main id="main"' in html
        # Nothing of what was asked is echoed back.
        assert "A123" not in html and "0086" not in html

    def test_the_json_twins_of_pages_get_the_api_shape(self, limited_server, new_client, error_shape):
        client = new_client()
        assert statuses(limited_server.url + "/code.json?input=A123", 3, headers=client) == [200] * 3
        error_shape(httpx.get(limited_server.url + "/code.json?input=A123", headers=client), 429, "rate_limited")

    def test_health_static_files_and_robots_are_not_counted(self, limited_server, new_client):
        client = new_client()
        with httpx.Client(base_url=limited_server.url, headers=client) as session:
            for path in ["/healthz", "/static/site.css", "/robots.txt", "/favicon.ico"] * 5:
                assert session.get(path).status_code == 200, path
            assert [session.get(CODE).status_code for _ in range(4)] == [200, 200, 200, 429]
            # Health checks keep working for a client that is over its limit.
            assert session.get("/healthz").json()["status"] == "ok"

    def test_the_offline_workers_copies_do_not_use_up_the_visitors_limit(self, limited_server, new_client):
        """A first visit saves a language's pages for offline use: those count apart, ten times the limit."""
        client = new_client()
        with httpx.Client(base_url=limited_server.url, headers=client) as session:
            copies = [session.get(CODE, headers={"X-Radiocode-Offline-Copy": "1"}).status_code for _ in range(31)]
            assert copies == [200] * 30 + [429]
            # The visitor's own look-ups still have the whole limit, and sw.js is never counted.
            assert session.get("/sw.js").status_code == 200
            assert [session.get(CODE).status_code for _ in range(4)] == [200, 200, 200, 429]

    def test_off_means_no_limit(self, start_server):
        server = start_server("--rate-limit", "off")
        assert set(statuses(server.url + CODE, 70)) == {200}
        assert httpx.get(server.url + "/healthz").json()["rate_limit"] == "off"

    def test_the_limit_is_on_by_default(self, start_server):
        server = start_server()
        assert httpx.get(server.url + "/healthz").json()["rate_limit"] == "60/minute"

    def test_the_environment_variable_sets_the_limit(self, start_server):
        server = start_server(env={"RADIOCODE_RATE_LIMIT": "3/minute"})
        assert statuses(server.url + CODE, 4) == [200, 200, 200, 429]


class TestShared:
    def test_two_processes_share_one_limit_through_redis(self, start_server, redis, error_shape):
        first = start_server("--rate-limit", "6/minute", "--redis", redis)
        second = start_server("--rate-limit", "6/minute", env={"RADIOCODE_REDIS_URL": redis})
        for server in (first, second):
            assert httpx.get(server.url + "/healthz").json()["rate_limit_storage"] == "ok"
        answers = [httpx.get(server.url + CODE).status_code for server in (first, second) * 3]
        assert answers == [200] * 6
        # Each process has seen only 3 requests, but together the client used its 6.
        error_shape(httpx.get(first.url + CODE), 429, "rate_limited")
        error_shape(httpx.get(second.url + CODE), 429, "rate_limited")

    def test_workers_of_one_server_share_the_limit_through_redis(self, start_server, redis):
        server = start_server("--workers", "2", "--rate-limit", "5/minute", "--redis", redis)
        # Fresh connections spread over both worker processes.
        answers = statuses(server.url + CODE, 8, headers={"connection": "close"})
        assert answers == [200] * 5 + [429] * 3

    def test_without_redis_the_site_stays_up_counting_in_memory_and_health_says_so(self, start_server, unused_port):
        server = start_server("--rate-limit", "2/minute", "--redis", f"redis://127.0.0.1:{unused_port}/0")
        # Counting fails over to the process's memory: serving everyone, but not without limit.
        assert statuses(server.url + CODE, 4) == [200, 200, 429, 429]
        health = httpx.get(server.url + "/healthz").json()
        assert health["status"] == "ok" and health["rate_limit_storage"] == "unreachable"
        assert health["rate_limit_counting"] == "memory_fallback"
        assert "rate limit storage unreachable (StorageError): counting in each process's memory" in server.stderr.read_text()

    def test_a_redis_that_hangs_costs_one_short_wait_not_one_per_request(self, start_server):
        with socket.socket() as silent:  # accepts connections, never answers
            silent.bind(("127.0.0.1", 0))
            silent.listen(64)
            server = start_server("--rate-limit", "2/minute", "--redis", f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
            with httpx.Client(base_url=server.url, timeout=10) as client:
                assert client.get(CODE).status_code == 200  # waits for Redis, then serves
                started = time.monotonic()
                assert [client.get(CODE).status_code for _ in range(5)] == [200] + [429] * 4
                assert time.monotonic() - started < 1.0


class TestRedisFrozen:
    """A real redis-server frozen with SIGSTOP under two processes (issue 14): the limit holds per process."""

    LIMIT = 5

    def test_during_and_after_a_freeze_no_client_gets_more_than_the_limit_times_the_processes(self, start_server, tmp_path):
        port = free_port()
        redis = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
            stdout=subprocess.DEVNULL,
        )
        try:
            url = f"redis://127.0.0.1:{port}/0"
            wait_for_redis(port)
            servers = [start_server("--rate-limit", f"{self.LIMIT}/minute", "--redis", url) for _ in range(2)]
            served = statuses(servers[0].url + CODE, 3).count(200)
            assert served == 3
            redis.send_signal(signal.SIGSTOP)
            try:
                during = [status for _ in range(15) for server in servers for status in statuses(server.url + CODE, 1, timeout=10)]
                health = httpx.get(servers[0].url + "/healthz", timeout=10).json()
                assert health["rate_limit_storage"] == "unreachable" and health["rate_limit_counting"] == "memory_fallback"
            finally:
                redis.send_signal(signal.SIGCONT)
            time.sleep(6)  # past the pause after a failure: Redis is asked again
            after = [status for _ in range(10) for server in servers for status in statuses(server.url + CODE, 1, timeout=10)]
            served += during.count(200) + after.count(200)
            assert set(during + after) <= {200, 429}
            # Counted in each process's memory while Redis was frozen, in Redis again after.
            assert served <= self.LIMIT * len(servers), (during, after)
            assert during.count(429) > 0 and after.count(200) == 0
            for server in servers:
                assert httpx.get(server.url + "/healthz").json()["rate_limit_counting"] == "redis"
            log = servers[0].stderr.read_text()
            assert "rate limit storage unreachable" in log and "rate limit storage reachable again" in log
        finally:
            redis.send_signal(signal.SIGCONT)
            redis.terminate()
            redis.wait(timeout=10)


def wait_for_redis(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not start")


class TestSettings:
    def test_a_bad_limit_is_a_usage_error(self):
        result = subprocess.run([sys.executable, "-m", "radiocode", "serve", "--rate-limit", "lots"], capture_output=True, text=True, timeout=30)
        assert result.returncode == 1
        assert "Invalid value for '--rate-limit': 'lots' is not a rate limit; write it like 60/minute" in result.stderr

    def test_a_bad_redis_url_is_a_usage_error(self):
        result = subprocess.run([sys.executable, "-m", "radiocode", "serve", "--redis", "localhost:6379"], capture_output=True, text=True, timeout=30)
        assert result.returncode == 1
        assert "is not a Redis URL; write it like redis://127.0.0.1:6379/0." in result.stderr
