"""The examples of the rules the runner reports for pages (PT9xx) are raw HTTP responses:
a local server sends each byte for byte, and the runner must report the rule for the
failing response and nothing of it for the passing one (tests/test_rule_examples.py runs
the text examples of every other rule)."""

from __future__ import annotations

import socketserver
import threading

import pytest

pytest.importorskip("aiohttp")
pytest.importorskip("protego")

from procutext import all_rules, check_paths  # noqa: E402
from procutext.fetch import FetchOptions  # noqa: E402

HTTP_CASES = [
    pytest.param(r, i, ex, id=f"{r.code}-{r.name}-{i}")
    for r in all_rules()
    for i, ex in enumerate(r.examples)
    if ex.kind == "http"
]
NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"


@pytest.fixture(scope="module")
def raw_server():
    """Serves ``responses[path]`` (bytes, sent as they are, then the connection closes)."""
    responses: dict[str, bytes] = {}

    class Handler(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            request = self.rfile.readline().decode("latin-1").split()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
            path = request[1] if len(request) > 1 else "/"
            self.wfile.write(responses.get(path, NOT_FOUND))

    class Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", responses
    server.shutdown()
    server.server_close()


def test_there_are_http_examples():
    assert HTTP_CASES


@pytest.mark.parametrize("rule,i,ex", HTTP_CASES)
def test_http_examples(raw_server, rule, i, ex):
    base, responses = raw_server
    bad, good = f"/{rule.code}/{i}/bad", f"/{rule.code}/{i}/good"
    responses[bad] = ex.bad.encode("utf-8")
    responses[good] = ex.good.encode("utf-8")
    report = check_paths([base + bad, base + good], select=[rule.code],
                         fetch=FetchOptions(timeout=5, retries=1, backoff=0.01))
    by_path = {fr.path: fr for fr in report.files}
    assert [f.code for f in by_path[base + bad].findings] == [rule.code], ex.bad
    assert by_path[base + good].checked and by_path[base + good].findings == [], ex.good
    assert ex.fixed is None and rule.fix is None
