"""Public extension points only: the site's browser code (overrides/) extends Material through its
theme blocks, its extra_javascript and the configuration it reads, and never redefines what the
browser defines: no built-in's prototype or constructor is reassigned, in a script file or in a
template's inline script. Python uses no private name of MkDocs or Material (a leading underscore)."""

from __future__ import annotations

import ast
import re

import pytest

from macros.paths import PACKAGE_DIR, REPO_ROOT

OVERRIDES = REPO_ROOT / "overrides"
INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
NAME = r"[A-Za-z_$][\w$]*"
GLOBAL_SCOPE = r"(?:window|self|globalThis)"
ASSIGNED = r"\s*(?:[-+*/%&|^]|\*\*|<<|>>>?|\?\?|&&|\|\|)?=(?![=>])"
# What a script may not do to a name it does not declare itself.
REASSIGNMENTS = [
    # XMLHttpRequest.prototype.open = ..., Worker.prototype = ..., Array.prototype["x"] = ...
    re.compile(rf"(?<![\w$.])({NAME})\s*\.\s*prototype\b(?:\s*\.\s*{NAME}|\s*\[[^\]]*\])*{ASSIGNED}"),
    # window.Worker = ..., self["fetch"] = ..., globalThis.XMLHttpRequest = ...
    re.compile(rf"(?<![\w$.]){GLOBAL_SCOPE}\s*(?:\.\s*({NAME})|\[\s*[\"'`]({NAME})[\"'`]\s*\]){ASSIGNED}"),
    # Object.defineProperty(XMLHttpRequest.prototype, ...), Object.assign(window, ...)
    re.compile(
        rf"Object\s*\.\s*(?:defineProperty|defineProperties|assign|setPrototypeOf)\s*\(\s*"
        rf"(?:({NAME})\s*\.\s*prototype\b|{GLOBAL_SCOPE}\b(?!\s*\.))"
    ),
    # Worker = function ... (a bare reassignment of a global)
    re.compile(rf"(?:^|[;{{}}(,]|\n)\s*({NAME}){ASSIGNED}"),
]
# The browser's own functions on the global object (its constructors are the capitalised names).
GLOBAL_FUNCTIONS = {
    "fetch",
    "postMessage",
    "addEventListener",
    "removeEventListener",
    "dispatchEvent",
    "importScripts",
    "setTimeout",
    "setInterval",
    "queueMicrotask",
    "requestAnimationFrame",
    "open",
    "close",
    "alert",
}
DECLARED = re.compile(rf"\b(?:function\s*\*?|class|const|let|var)\s+({NAME})|\(\s*({NAME})\s*[,)]")


def reassigned_builtins(script: str) -> list[str]:
    """What a script reassigns of what it does not declare: a prototype, a constructor, a global."""
    declared = {name for match in DECLARED.finditer(script) for name in match.groups() if name}
    declared |= {
        name for params in re.findall(r"function\s*[\w$]*\s*\(([^)]*)\)", script) for name in re.findall(NAME, params)
    }
    found = []
    for pattern in REASSIGNMENTS:
        for match in pattern.finditer(script):
            name = next((group for group in match.groups() if group), "")
            if pattern is REASSIGNMENTS[-1] and (name in declared or not name[:1].isupper()):
                continue  # the script's own variable
            if pattern is REASSIGNMENTS[1] and not (name[:1].isupper() or name in GLOBAL_FUNCTIONS):
                continue  # the script's own global (self.kbRank: the worker's shared ranking)
            if name and name in declared and pattern is REASSIGNMENTS[0]:
                continue  # the prototype of the script's own constructor
            found.append(match.group(0).strip())
    return found


def browser_scripts() -> dict[str, str]:
    """Every script of overrides/: the script files, and each template's inline scripts."""
    scripts = {str(path.relative_to(REPO_ROOT)): path.read_text(encoding="utf-8") for path in OVERRIDES.rglob("*.js")}
    for path in OVERRIDES.rglob("*.html"):
        for number, body in enumerate(INLINE_SCRIPT.findall(path.read_text(encoding="utf-8"))):
            scripts[f"{path.relative_to(REPO_ROOT)} (inline script {number + 1})"] = body
    return scripts


@pytest.mark.parametrize(
    "script",
    [
        "var open = XMLHttpRequest.prototype.open;\nXMLHttpRequest.prototype.open = function (m, u) {};",
        "XMLHttpRequest.prototype.send=function(){}",
        "var NativeWorker = window.Worker;\nwindow.Worker = function (url, options) {};",
        'self["fetch"] = async () => null;',
        "globalThis.Worker ||= Other;",
        "Object.defineProperty(Element.prototype, 'x', { value: 1 });",
        "Object.assign(window, { Worker: Fake });",
        "Array.prototype.last = function () { return this[this.length - 1]; };",
        "(function () {\n  Worker = function () {};\n})();",
    ],
)
def test_the_check_finds_a_reassigned_builtin(script: str) -> None:
    # The ways a page script replaces what the browser defines (the first two as the site once did).
    assert reassigned_builtins(script)


@pytest.mark.parametrize(
    "script",
    [
        "function LazyThing() {}\nLazyThing.prototype.go = function () {};",
        "const post = self.postMessage.bind(self);\nself.addEventListener('message', event => post(event.data));",
        "config.search = config.search.replace(/x/, 'y');\nelement.textContent = JSON.stringify(config);",
        "let Total = 0;\nTotal = Total + 1;",
        "if (a === Worker.prototype) b = 1;",
        "const sorted = Array.prototype.slice.call(list);",
        "self.kbRank = { rank };",
    ],
)
def test_the_check_leaves_a_scripts_own_names_alone(script: str) -> None:
    assert reassigned_builtins(script) == []


def test_the_sites_scripts_never_reassign_a_builtin() -> None:
    scripts = browser_scripts()
    assert any(name.endswith("kb-search.js") for name in scripts), "the search worker is among the scripts read"
    found = {name: reassigned for name, script in scripts.items() if (reassigned := reassigned_builtins(script))}
    assert found == {}


def _private_imports(tree: ast.AST) -> list[str]:
    """Names taken from another package that it marks private (a leading underscore), and sys.path edits."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [
                f"{node.module}.{alias.name}"
                for alias in node.names
                if alias.name.startswith("_") and alias.name != "__future__"
            ]
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and (node.value.id, node.attr) == ("sys", "path")
        ):
            found.append("sys.path")
    return found


def test_the_generator_imports_no_private_name_and_edits_no_sys_path() -> None:
    found = {
        str(path.relative_to(REPO_ROOT)): names
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if (names := _private_imports(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}
