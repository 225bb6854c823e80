"""An independent hidden-state reference: IPython's input transformer + pyflakes, cells in order.

Reads JSON from stdin: [[source, ...], ...] (the code cells of each notebook, in run order);
writes JSON: per notebook, {"found": [[cell, name, in_function], ...], "dropped": [cell, ...]}
for every pyflakes "undefined name" — a read that "Restart & Run All" would fail on (in_function: inside a def or
lambda, which Python checks only when it is called). Cells that CPython cannot parse after
IPython's transforms are left out, as if they were not there. Needs IPython and pyflakes
(Debian: python3-pyflakes; run with PYTHONPATH=/usr/lib/python3/dist-packages if needed).
"""
import ast
import json
import sys
import warnings

import pyflakes.checker
import pyflakes.messages
from IPython.core.inputtransformer2 import TransformerManager

IPYTHON_NAMES = {"display", "get_ipython", "In", "Out", "_", "__", "___", "_i", "_ii", "_iii", "_ih", "_oh", "_dh", "exit", "quit"}


def function_spans(tree):
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            body = node.body if isinstance(node.body, list) else [node.body]
            first = body[0]
            spans.append(((first.lineno, first.col_offset), (node.end_lineno, node.end_col_offset)))
    return spans


def check(cells, manager):
    lines = []
    owner = []  # line (0-based) -> cell index
    dropped = []
    for index, source in enumerate(cells):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                code = manager.transform_cell(source)
                ast.parse(code)
        except Exception:
            dropped.append(index)
            continue
        for line in code.splitlines():
            lines.append(line)
            owner.append(index)
    text = "\n".join(lines) + "\n"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    except Exception:
        return None
    spans = function_spans(tree)
    found = []
    seen = set()
    for message in pyflakes.checker.Checker(tree, builtins=IPYTHON_NAMES).messages:
        if not isinstance(message, pyflakes.messages.UndefinedName):
            continue
        name = message.message_args[0]
        position = (message.lineno, message.col)
        in_function = any(start <= position <= end for start, end in spans)
        key = (owner[message.lineno - 1], name, in_function)
        if key not in seen:
            seen.add(key)
            found.append(list(key))
    return {"found": found, "dropped": dropped}


def main():
    manager = TransformerManager()
    json.dump([check(cells, manager) for cells in json.load(sys.stdin)], sys.stdout)


if __name__ == "__main__":
    main()
