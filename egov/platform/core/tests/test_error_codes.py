"""Error codes are members of their app's enum (errors.py), never string literals.

Read from the source, without importing it: a raise of a DomainError (or of a
subclass) whose code is a string literal is listed as a failure.
"""

from __future__ import annotations

import ast
from pathlib import Path

EGOV = Path(__file__).resolve().parents[3]
CORE_ERRORS = {"DomainError", "InvalidInput", "NotFound", "PermissionDenied", "Conflict"}


def sources() -> list[tuple[str, ast.Module]]:
    found = []
    for path in sorted(EGOV.rglob("*.py")):
        relative = path.relative_to(EGOV).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or relative.endswith("conftest.py"):
            continue
        found.append((relative, ast.parse(path.read_text(encoding="utf-8"))))
    return found


def error_classes(trees: list[tuple[str, ast.Module]]) -> set[str]:
    """Core's error classes and every class derived from one of them."""
    names = set(CORE_ERRORS)
    for _path, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name | ast.Attribute)
                and (base.id if isinstance(base, ast.Name) else base.attr) in names
                for base in node.bases
            ):
                names.add(node.name)
    return names


def test_no_error_is_raised_with_a_literal_code() -> None:
    trees = sources()
    classes = error_classes(trees)
    literal = []
    for path, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            code = node.args[0]
            if name in classes and isinstance(code, ast.Constant) and isinstance(code.value, str):
                literal.append(f"{path}:{node.lineno} {code.value}")

    assert literal == []
