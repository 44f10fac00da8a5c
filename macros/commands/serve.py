"""`python -m macros.commands.serve [--port N]` (`make serve`): both editions previewed while editing.

Each edition is served by its own `mkdocs serve --dirty` (its plugin instance keeps its incremental
rebuilds), the base edition at the port given and each other one at the next port. Both are told
every edition's address (KB_SERVE_EDITIONS), so the language switch leads from a page to the same
page in the other edition. Ctrl+C stops both.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys

from macros.adapter.serve_editions import SERVE_EDITIONS
from macros.commands.publish import EDITIONS
from macros.kb.model import LANGUAGES
from macros.paths import REPO_ROOT


def serve_commands(port: int) -> list[tuple[str, list[str]]]:
    """(address, command) of each edition's `mkdocs serve`, base edition first, on consecutive ports."""
    return [
        (
            f"http://127.0.0.1:{port + place}/",
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--dirty",
                "--dev-addr",
                f"127.0.0.1:{port + place}",
                "--config-file",
                str(REPO_ROOT / config),
            ],
        )
        for place, (config, _folder) in enumerate(EDITIONS)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    commands = serve_commands(args.port)
    addresses = {lang: address for lang, (address, _command) in zip(LANGUAGES, commands, strict=True)}
    env = {**os.environ, SERVE_EDITIONS: json.dumps(addresses)}
    for lang, address in addresses.items():
        print(f"Serving the {lang} edition at {address}", flush=True)
    # Stopped as by Ctrl+C when told to end (SIGTERM): each edition's server is stopped with it.
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(0))
    processes = [subprocess.Popen(command, env=env) for _address, command in commands]
    try:
        for process in processes:
            process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait()
    return max((process.returncode or 0 for process in processes), default=0) if processes else 0


if __name__ == "__main__":
    sys.exit(main())
