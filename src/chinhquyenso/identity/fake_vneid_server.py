"""Serving FakeVNeID on a loopback port in a thread (tests) or in the foreground
(``chinhquyenso identity fake-vneid``)."""

from __future__ import annotations

import argparse
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from chinhquyenso.identity.fake_vneid import FakeVNeID


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


class FakeVNeIDServer:
    """Serves a FakeVNeID on a loopback port in a background thread (``with FakeVNeIDServer() as fake:``)."""

    def __init__(self, provider: FakeVNeID | None = None, *, host: str = "127.0.0.1", port: int = 0):
        self.provider = provider or FakeVNeID()
        self._server = make_server(
            host, port, self.provider, server_class=_ThreadingServer, handler_class=_QuietHandler
        )
        self.port = self._server.server_address[1]
        self.issuer = f"http://{host}:{self.port}"
        self.provider.issuer = self.issuer
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-vneid", daemon=True)

    def serve_forever(self) -> None:
        """In the calling thread, until interrupted (the ``identity fake-vneid`` command)."""
        self._server.serve_forever()

    def close(self) -> None:
        self._server.server_close()

    def start(self) -> FakeVNeIDServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeVNeIDServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="FakeVNeID: a fake OpenID Connect identity provider for tests.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--client-id", default="chinhquyenso-dev")
    parser.add_argument("--client-secret", default="fake-vneid-dev-secret")  # noqa: S105 (a fake's default)
    parser.add_argument("--redirect-uri", default="http://127.0.0.1:8000/tai-khoan/vneid/callback/")
    args = parser.parse_args(argv)
    server = FakeVNeIDServer(host=args.host, port=args.port)
    server.provider.register_client(args.client_id, args.client_secret, args.redirect_uri)
    print(f"FakeVNeID (thử nghiệm) at {server.issuer} for client {args.client_id} → {args.redirect_uri}")  # noqa: T201
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


if __name__ == "__main__":
    main()
