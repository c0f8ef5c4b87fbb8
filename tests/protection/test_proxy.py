"""The client's address: X-Forwarded-For only from a declared proxy, never blindly."""

import httpx

from radiocode.web.protection import _networks, client_address

CODE = "/api/v1/code?input=A123"


def statuses(url: str, forwarded_for: list[str]) -> list[int]:
    with httpx.Client() as client:
        return [client.get(url, headers={"x-forwarded-for": value}).status_code for value in forwarded_for]


def test_without_a_trusted_proxy_a_forged_header_does_not_buy_more_requests(start_server):
    server = start_server("--rate-limit", "3/minute")
    forged = [f"198.51.100.{n}" for n in range(6)]
    assert statuses(server.url + CODE, forged) == [200, 200, 200, 429, 429, 429]


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit(limited_server, new_client):
    first, second = new_client()["x-forwarded-for"], new_client()["x-forwarded-for"]
    assert statuses(limited_server.url + CODE, [first] * 4) == [200, 200, 200, 429]
    assert statuses(limited_server.url + CODE, [second] * 2) == [200, 200]
    # The proxy appends the address it saw: what the client wrote before it changes nothing.
    assert statuses(limited_server.url + CODE, [f"10.9.9.9, {first}", f"8.8.8.8, {first}"]) == [429, 429]


def test_a_trusted_network_is_written_like_an_address(start_server):
    server = start_server("--rate-limit", "1/minute", env={"RADIOCODE_FORWARDED_ALLOW_IPS": "127.0.0.0/8, ::1"})
    assert statuses(server.url + CODE, ["203.0.113.7", "203.0.113.7", "203.0.113.8"]) == [200, 429, 200]


class TestClientAddress:
    """The address picked from the peer and the header, without a server."""

    proxies = _networks("10.0.0.0/8, fd00::/8")

    def scope(self, peer: str, *forwarded: bytes) -> dict:
        return {"client": (peer, 1234), "headers": [(b"x-forwarded-for", value) for value in forwarded]}

    def test_an_untrusted_peer_is_the_client(self):
        assert client_address(self.scope("203.0.113.5", b"1.1.1.1"), self.proxies) == "203.0.113.5"

    def test_the_rightmost_untrusted_hop_is_the_client(self):
        assert client_address(self.scope("10.0.0.1", b"1.1.1.1, 203.0.113.5, 10.0.0.7"), self.proxies) == "203.0.113.5"

    def test_several_headers_are_read_as_one_list(self):
        assert client_address(self.scope("10.0.0.1", b"1.1.1.1", b"203.0.113.5"), self.proxies) == "203.0.113.5"

    def test_garbage_in_the_header_counts_against_the_proxy(self):
        assert client_address(self.scope("10.0.0.1", b"<script>, not-an-ip"), self.proxies) == "10.0.0.1"

    def test_only_proxies_in_the_chain_leaves_the_peer(self):
        assert client_address(self.scope("10.0.0.1", b"10.0.0.2"), self.proxies) == "10.0.0.1"

    def test_ipv6(self):
        assert client_address(self.scope("fd00::1", b"2001:db8::5"), self.proxies) == "2001:db8::5"
