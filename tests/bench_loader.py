"""`python -m tests.bench_loader`: how long, and how much memory, the worst data files take to refuse.

A benchmark, not a test: it prints figures (the issue asks for under a second per file) and asserts
nothing, so a busy machine cannot fail the suite.
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

from macros.kb.documents import load_document
from macros.kb.schemas import check_schema

_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)

CASES = {
    "10 MB file": "# " + "x" * 10_000_000 + "\n",
    "1 MB of one string": "name:\n  en: " + "word " * 199_000 + "\n  ja: x\n",
    "1 MB of short lines": "".join(f"key{i}: value {i}\n" for i in range(45_000)),
    "4,900 keys (just under the limit)": "".join(f"key{i}: value {i}\n" for i in range(4_900)),
    "billion laughs": _BOMB,
    "1 MB of open brackets": "name: " + "[" * 500_000 + "]" * 490_000 + "\n",
    "1 MB of nested block lists": "name:\n" + "- " * 450_000 + "x\n",
    "non-UTF-8 at the end": "name: " + "x" * 900_000 + "\xff",
}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        (data / "tags").mkdir(parents=True)
        print(f"{'case':34} {'seconds':>8} {'peak MB':>8}  first problem")
        for name, text in CASES.items():
            path = data / "tags" / "case.yml"
            path.write_bytes(text.encode("utf-8", "surrogateescape") if "\xff" not in text else text.encode("latin-1"))
            tracemalloc.start()
            start = time.perf_counter()
            doc, problems = load_document(path, data)
            problems = problems or check_schema(doc)
            seconds = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            print(f"{name:34} {seconds:8.3f} {peak:8.1f}  {problems[0] if problems else 'none'}"[:200])


if __name__ == "__main__":
    main()
