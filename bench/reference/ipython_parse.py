"""Which code cells CPython accepts after IPython's own input transforms.

Reads JSON from stdin: [[source, ...], ...] (the code cells of each notebook); writes JSON:
[[true|false, ...], ...]. The reference for nbguard's parser corpus test: a cell that CPython
parses must parse in nbguard too. Needs IPython (pure standard library otherwise).
"""
import ast
import json
import sys
import warnings

from IPython.core.inputtransformer2 import TransformerManager


def python_ok(source, manager):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(manager.transform_cell(source))
        return True
    except Exception:  # SyntaxError, and IPython's own errors on malformed magics
        return False


def main():
    manager = TransformerManager()
    notebooks = json.load(sys.stdin)
    json.dump([[python_ok(source, manager) for source in cells] for cells in notebooks], sys.stdout)


if __name__ == "__main__":
    main()
