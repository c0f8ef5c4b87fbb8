"""``python -m radiocode.web [--host H] [--port P]``: serve the site without the CLI."""

import argparse

from radiocode.web import serve


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m radiocode.web", description="Serve the radiocode website and JSON API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    arguments = parser.parse_args()
    serve(host=arguments.host, port=arguments.port)


if __name__ == "__main__":
    main()
