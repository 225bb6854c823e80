import { analysePythonCells, type NotebookAnalysis } from '../../../src/detectors/python/analysis';

/** [cell index, name, kind] of each hidden-state finding, in both analysis modes (which must agree). */
function hidden(...cells: string[]): [number, string, string][] {
  const inputs = cells.map((source) => ({ source }));
  const fast = analysePythonCells(inputs);
  const exhaustive = analysePythonCells(inputs, { exhaustive: true });
  const summary = (analysis: NotebookAnalysis): [number, string, string][] => analysis.hidden.map((h) => [h.cell, h.name, h.kind]);
  expect(summary(fast)).toEqual(summary(exhaustive));
  return summary(fast);
}

describe('hidden state: names that must not be flagged', () => {
  const valid: [string, string[]][] = [
    ['assignment, then use', ['x = 1', 'print(x)']],
    ['tuple and starred targets', ['(a, b), [c, *d] = (1, 2), [3, 4, 5]', 'print(a, b, c, d)']],
    ['chained assignment', ['a = b = 0', 'a + b']],
    ['augmented assignment of a defined name', ['n = 0', 'n += 1']],
    ['annotated assignment', ['rate: float = 0.5', 'rate * 2']],
    ['import, alias, dotted import', ['import os\nimport numpy as np\nimport matplotlib.pyplot', 'os.getcwd(); np.zeros(1); matplotlib.pyplot.plot']],
    ['from-import, alias, parenthesised', ['from math import (pi,\n    tau as full_turn)', 'pi + full_turn']],
    ['def and class', ['def area(r):\n    return pi * r ** 2\nclass Shape:\n    pass', 'from math import pi\narea(1); Shape()']],
    ['a function may use a global defined after it', ['def f():\n    return later * 2', 'later = 3\nf()']],
    ['function parameters, defaults and locals stay local', ['def f(a, b=1, *args, c, d=2, **kwargs):\n    e = a + b\n    return e, args, kwargs, c, d', 'f(1, c=3)']],
    ['for target', ['for i, (k, v) in enumerate({}.items()):\n    pass', 'print(i, k, v)']],
    ['with target', ['with open("notes.txt") as fh:\n    text = fh.read()', 'fh.close(); text']],
    ['except target', ['try:\n    1 / 0\nexcept ZeroDivisionError as err:\n    message = str(err)', 'message']],
    ['walrus at module level and in a comprehension', ['if (n := 10) > 5:\n    pass\n[y := v for v in range(3)]', 'n + y']],
    ['comprehension variables are local, the first iterable is outside', ['xs = [1, 2]', '[x * 2 for x in xs if x]\n{k: v for k, v in zip(xs, xs)}\n{s for s in xs}\nsum(t for t in xs)']],
    ['nested comprehension scopes', ['rows = [[1, 2]]', '[cell for row in rows for cell in row]']],
    ['lambda parameters', ['double = lambda v, w=2: v * w', 'double(3)\nsorted([3, 1], key=lambda item: -item)']],
    ['keyword arguments are not reads', ['print(sep="", end="\\n", file=None)']],
    ['attributes are not reads', ['import os', 'os.path.join(os.sep, "a").undefined_attribute']],
    ['match patterns bind names', ['command = ("go", 1)', 'match command:\n    case ("go", steps) if steps > 0:\n        print(steps)\n    case {"k": value, **rest}:\n        print(value, rest)\n    case [first, *others] as whole:\n        print(first, others, whole)\n    case _:\n        pass']],
    ['global declared in a function', ['def setup():\n    global config\n    config = {}', 'setup()', 'config']],
    ['nonlocal in nested functions', ['def outer():\n    total = 0\n    def inner():\n        nonlocal total\n        total += 1\n    inner()\n    return total', 'outer()']],
    ['class scope and methods', ['class Model:\n    scale = 2\n    doubled = scale * 2\n    def predict(self, v):\n        return v * self.scale', 'Model().predict(1)']],
    ['decorators run at definition', ['import functools', '@functools.lru_cache(maxsize=None)\ndef cached(v):\n    return v']],
    ['builtins and IPython names', ['print(len([]), range(3), display, get_ipython, In, Out, _, __, ___, _i, _ii, _iii, _i3, _5, exit, quit, __name__)']],
    ['a loop may define a name on an earlier pass', ['for i in range(3):\n    if i:\n        print(prev)\n    prev = i']],
    ['reads guarded by try/except NameError', ['try:\n    model\nexcept NameError:\n    model = None']],
    ['dir() / globals() checks guard the cell', ["if 'cache' not in globals():\n    cache = {}\nprint(cache)"]],
    ['star imports make the rest unknowable', ['from pylab import *', 'plot(linspace(0, 1))']],
    ['exec makes the rest unknowable', ['exec("x = 1")', 'print(x)']],
    ['globals()[...] = makes the rest unknowable', ['globals()["x"] = 1', 'print(x)']],
    ['%run makes the rest unknowable', ['%run helpers.py', 'load_data()']],
    ['unknown %load_ext makes the rest unknowable', ['%load_ext some_extension', 'injected()']],
    ['line magics, shell and help are masked', ['%matplotlib inline\n!pip install numpy\nimport numpy as np\nnp?\n?np.zeros\nnp.zeros??\n%config InlineBackend.figure_format = "svg"', 'np.ones(1)']],
    ['assignment from magics', ['files = !ls\nsql_result = %sql SELECT 1', 'files, sql_result']],
    ['%%capture defines its output', ['%%capture captured\nprint("hi")', 'captured.stdout']],
    ['%%time body is Python', ['%%time\ntotal = sum(range(10))', 'total']],
    ['%time statement is Python', ['%time total = sum(range(10))', 'total']],
    ['%%bash body is not Python', ['%%bash\necho $UNDEFINED_THING\nfor f in *; do echo $f; done']],
    ['%%bash --out defines a name', ['%%bash --out listing\nls', 'listing.split()']],
    ['%store -r names define them', ['%store -r saved_frame', 'saved_frame.head()']],
    ['type alias statement', ['type Vector = list[float]', 'Vector']],
    ['Python 2 print statement', ['x = 1', 'print x']],
    ['a cell that does not parse says nothing', ['print(undefined_name', 'x = (']],
    ['f-string fields read defined names', ['width = 4', 'f"{width:>{width}}"']],
    ['conditional definition counts', ['import sys\nif sys.version_info > (3,):\n    flag = True\nelse:\n    flag = False', 'flag']],
    ['del then redefine', ['x = 1', 'del x', 'x = 2', 'x']],
  ];
  it.each(valid)('%s', (_, cells) => {
    expect(hidden(...cells)).toEqual([]);
  });
});

describe('hidden state: names that must be flagged', () => {
  it('defined only in a later cell', () => {
    expect(hidden('model.fit()', 'x = 1', 'model = object()')).toEqual([[0, 'model', 'later']]);
  });
  it('defined nowhere', () => {
    expect(hidden('import pandas as pd', 'sales.sum()')).toEqual([[1, 'sales', 'nowhere']]);
  });
  it('read before the same cell defines it', () => {
    expect(hidden('print(total)\ntotal = 1')).toEqual([[0, 'total', 'same-cell-later']]);
    expect(hidden('count += 1')).toEqual([[0, 'count', 'same-cell-later']]);
    expect(hidden('x = x + 1')).toEqual([[0, 'x', 'same-cell-later']]);
  });
  it('deleted in an earlier cell', () => {
    expect(hidden('df = 1', 'del df', 'df')).toEqual([[2, 'df', 'deleted']]);
  });
  it('module-level reads in headers, defaults, decorators, class bodies and f-strings', () => {
    expect(hidden('for i in undefined_iterable:\n    pass')).toEqual([[0, 'undefined_iterable', 'nowhere']]);
    expect(hidden('def f(a=missing_default):\n    pass')).toEqual([[0, 'missing_default', 'nowhere']]);
    expect(hidden('@missing_decorator\ndef f():\n    pass')).toEqual([[0, 'missing_decorator', 'nowhere']]);
    expect(hidden('class A(MissingBase):\n    pass')).toEqual([[0, 'MissingBase', 'nowhere']]);
    expect(hidden('class A:\n    size = missing_size')).toEqual([[0, 'missing_size', 'nowhere']]);
    expect(hidden('f"{missing_in_fstring}"')).toEqual([[0, 'missing_in_fstring', 'nowhere']]);
    expect(hidden('with missing_context() as c:\n    pass')).toEqual([[0, 'missing_context', 'nowhere']]);
  });
  it('the first iterable of a comprehension is read outside it', () => {
    expect(hidden('[x for x in x]')).toEqual([[0, 'x', 'nowhere']]);
  });
  it('comprehension variables do not leak (Python 3)', () => {
    expect(hidden('[k for k in range(3)]', 'k')).toEqual([[1, 'k', 'nowhere']]);
  });
  it('function parameters and locals are not module names', () => {
    expect(hidden('def f(param):\n    local = param', 'print(param, local)')).toEqual([
      [1, 'param', 'nowhere'],
      [1, 'local', 'nowhere'],
    ]);
  });
  it('an annotation alone does not define a name', () => {
    expect(hidden('limit: int', 'limit')).toEqual([[1, 'limit', 'nowhere']]);
  });
  it('reports a name once, at its first offending read, with the other cells', () => {
    const analysis = analysePythonCells(['model.fit()', 'model.score()', 'model = 1'].map((source) => ({ source })));
    expect(analysis.hidden).toHaveLength(1);
    expect(analysis.hidden[0]).toMatchObject({ cell: 0, name: 'model', kind: 'later', otherCell: 2, alsoIn: [1] });
  });
  it('stays certain before a star import, silent after it', () => {
    expect(hidden('early_name', 'from os import *', 'late_name')).toEqual([[0, 'early_name', 'not-before']]);
  });
  it('a saved NameError for the name is not hidden state', () => {
    const analysis = analysePythonCells([{ source: 'print(missing)', missingNames: new Set(['missing']) }, { source: 'other' }]);
    expect(analysis.hidden.map((h) => h.name)).toEqual(['other']);
  });
  it('gives the span of the read', () => {
    const [finding] = analysePythonCells([{ source: 'a = 1\nprint(a, sales)' }]).hidden;
    expect(finding).toMatchObject({ start: 15, end: 20 });
  });
  it('sees reads after masked IPython syntax at the right offsets', () => {
    const source = '%matplotlib inline\n!ls -la\nvalue = missing + 1';
    const [finding] = analysePythonCells([{ source }]).hidden;
    expect(source.slice(finding!.start, finding!.end)).toBe('missing');
  });
});

describe('cross-notebook state', () => {
  it('names what %store -r loads and what %run seems to provide', () => {
    const analysis = analysePythonCells(['%store -r cleaned other', '%run ./prepare.ipynb', 'model.fit(cleaned)'].map((source) => ({ source })));
    expect(analysis.external.map((e) => [e.cell, e.kind, e.target, e.names, e.provides])).toEqual([
      [0, 'store', '', ['cleaned', 'other'], []],
      [1, 'run', './prepare.ipynb', [], ['model']],
    ]);
    expect(analysis.hidden).toEqual([]);
  });
  it('finds run_line_magic calls too', () => {
    const analysis = analysePythonCells([{ source: "get_ipython().run_line_magic('run', 'setup.py')" }]);
    expect(analysis.external.map((e) => e.target)).toEqual(['setup.py']);
  });
});

describe('long notebooks (the word index that keeps the analysis linear)', () => {
  // Hundreds of cells with suspect reads: far more cell lookups than the analysis does before it
  // switches from scanning cell by cell to a word index. Every kind of finding must stay the same
  // as with the exhaustive mode, which parses and walks every cell for every name.
  const cells: string[] = [];
  for (let i = 0; i < 300; i++) {
    switch (i % 10) {
      case 0:
        cells.push(`a${i} = b${i + 3} + shared`); // b… defined three cells on; `shared` only at the end
        break;
      case 3:
        cells.push(`b${i} = 1\n# mentions c${i + 1} but does not bind it`);
        break;
      case 4:
        cells.push(`print(c${i})\nfiles${i} = !ls`); // c… defined nowhere
        break;
      case 5:
        cells.push(`del a${i - 5}\nprint(files${i - 1}, a${i - 5})`); // deleted, then read
        break;
      case 6:
        cells.push(`%%capture cap${i}\nprint(cap${i - 10})`);
        break;
      case 7:
        cells.push(`print(cap${i - 1}.stdout, d${i + 1})`);
        break;
      case 8:
        cells.push(i % 20 === 8 ? `d${i} = (` : `d${i} = 2\nvalue_é${i} = d${i}`); // every other one a syntax error
        break;
      default:
        cells.push(`print(value_é${i - 1}, shared, a${i - 9})`);
    }
  }
  cells.push('shared = 0');

  it('gives the same findings as parsing every cell', () => {
    const inputs = cells.map((source) => ({ source }));
    const fast = analysePythonCells(inputs);
    const exhaustive = analysePythonCells(inputs, { exhaustive: true });
    expect(fast.hidden).toEqual(exhaustive.hidden);
    const kinds = new Set(fast.hidden.map((h) => h.kind));
    expect([...kinds].sort()).toEqual(['deleted', 'later', 'not-before', 'nowhere']);
    expect(fast.hidden.find((h) => h.name === 'shared')?.alsoIn.length).toBeGreaterThan(20);
  });
});

describe('hidden state: the scoping Python really has (issue 21)', () => {
  const both = (options: { python2?: boolean }, ...cells: string[]): [number, string, string][] => {
    const inputs = cells.map((source) => ({ source }));
    const summary = (analysis: NotebookAnalysis): [number, string, string][] => analysis.hidden.map((h) => [h.cell, h.name, h.kind]);
    const fast = summary(analysePythonCells(inputs, options));
    expect(fast).toEqual(summary(analysePythonCells(inputs, { ...options, exhaustive: true })));
    return fast;
  };

  it('subscript and attribute stores read their names and bind nothing (the token pass agrees)', () => {
    expect(hidden('arr[idx] = 0', 'print(arr)', 'arr = [0]\nidx = 0')).toEqual([
      [0, 'arr', 'later'],
      [0, 'idx', 'later'],
    ]);
    expect(hidden('obj.x = 1', 'obj = object()')).toEqual([[0, 'obj', 'later']]);
    expect(hidden('for row[0] in data:\n    pass', 'row = [0]\ndata = []')).toEqual([
      [0, 'row', 'later'],
      [0, 'data', 'later'],
    ]);
    expect(hidden('arr = [0]\nidx = 0', 'arr[idx] = 1\nobj = lambda: 0\nobj.x = arr', 'print(arr, obj)')).toEqual([]);
  });

  it('annotations are evaluated (parameters, return, variables); `x: T` binds nothing', () => {
    expect(hidden('def f(a: Tensor = 1) -> Result:\n    pass', 'Tensor = Result = object')).toEqual([
      [0, 'Tensor', 'later'],
      [0, 'Result', 'later'],
    ]);
    expect(hidden('x: Config', 'x')).toEqual([
      [0, 'Config', 'nowhere'],
      [1, 'x', 'nowhere'],
    ]);
  });

  it('annotations are not evaluated after `from __future__ import annotations`', () => {
    expect(hidden('from __future__ import annotations', 'def f(a: Tensor) -> Result:\n    pass\nlimit: Budget = 3', 'Tensor = Result = Budget = object')).toEqual([]);
  });

  it('`except E as err` unbinds err after the handler', () => {
    expect(hidden('try:\n    1 / 0\nexcept ZeroDivisionError as err:\n    print(err)', 'print(err)')).toEqual([[1, 'err', 'nowhere']]);
    expect(hidden('try:\n    1 / 0\nexcept ZeroDivisionError as err:\n    print(err)\nprint(err)')).toEqual([[0, 'err', 'nowhere']]);
  });

  it('class-body names are invisible in comprehensions nested in the class, but for the first iterable', () => {
    expect(hidden('class A:\n    xs = [1, 2]\n    ys = [x for x in xs]\n    zs = [xs[0] for _ in range(2)]')).toEqual([[0, 'xs', 'nowhere']]);
    expect(hidden('class A:\n    xs = [1, 2]\n    ys = [x * 2 for x in xs]\n    n = len(ys)')).toEqual([]);
  });

  it('a generator expression reads its body when consumed: a name defined in between is fine', () => {
    expect(hidden('g = (f(v) for v in [1])', 'def f(v):\n    return v', 'list(g)')).toEqual([]);
    expect(hidden('total = sum(scale(v) for v in values)', 'values = [1]\ndef scale(v):\n    return v')).toEqual([[0, 'values', 'later']]);
  });

  it('`if TYPE_CHECKING:` binds nothing at run time', () => {
    expect(hidden('from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pandas as pd', 'pd.DataFrame()')).toEqual([[1, 'pd', 'nowhere']]);
    expect(hidden('import typing\nif typing.TYPE_CHECKING: import numpy as np', 'np.zeros(1)')).toEqual([[1, 'np', 'nowhere']]);
    expect(hidden('from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pandas as pd\nelse:\n    pd = None', 'pd')).toEqual([]);
  });

  it('`%timeit`/`%%timeit` run in their own namespace; `%time`/`%%time` in the user namespace', () => {
    expect(hidden('%timeit total = sum(range(3))', 'print(total)')).toEqual([[1, 'total', 'nowhere']]);
    expect(hidden('%%timeit\nacc = 0\nacc += 1', 'acc')).toEqual([[1, 'acc', 'nowhere']]);
    expect(hidden('%timeit -n 3 g(later_value)', 'later_value = 1\ng = print')).toEqual([
      [0, 'g', 'later'],
      [0, 'later_value', 'later'],
    ]);
    expect(hidden('%time total = 1', '%%time\nacc = total', 'print(total, acc)')).toEqual([]);
  });

  it('builtins by kernel: Python 2 names only in Python 2 kernels; no `__file__` in IPython', () => {
    expect(both({}, 'for i in xrange(3):\n    pass\nname = raw_input()')).toEqual([
      [0, 'xrange', 'nowhere'],
      [0, 'raw_input', 'nowhere'],
    ]);
    expect(both({ python2: true }, 'for i in xrange(3):\n    pass\nname = raw_input()')).toEqual([]);
    expect(both({}, 'import os\nhere = os.path.dirname(__file__)')).toEqual([[0, '__file__', 'nowhere']]);
  });
});

describe('hidden state: `global` statements bind when their function is called (issue 21)', () => {
  it('a function defined but never called defines nothing', () => {
    const analysis = analysePythonCells(['def setup():\n    global config\n    config = {}', 'config'].map((source) => ({ source })));
    expect(analysis.hidden).toMatchObject([{ cell: 1, name: 'config', kind: 'uncalled', definer: 'setup' }]);
    expect(hidden('def setup():\n    global config\n    config = {}', 'config')).toEqual([[1, 'config', 'uncalled']]);
  });
  it('a call in an earlier cell, or earlier in the same cell, defines it; a later call does not', () => {
    expect(hidden('def setup():\n    global config\n    config = {}', 'setup()', 'config')).toEqual([]);
    expect(hidden('def setup(path):\n    global config, other\n    config = path\n    other = 1\nsetup("a.yml")\nprint(config, other)')).toEqual([]);
    expect(hidden('def setup():\n    global config\n    config = {}', 'config', 'setup()')).toEqual([[1, 'config', 'later']]);
    expect(hidden('def setup():\n    global config\n    config = {}\nprint(config)\nsetup()')).toEqual([[0, 'config', 'same-cell-later']]);
  });
  it('a call in a class body or a loop runs now and counts', () => {
    expect(hidden('def setup():\n    global config\n    config = {}', 'class A:\n    setup()', 'config')).toEqual([]);
    expect(hidden('def setup():\n    global config\n    config = {}', 'for _ in range(2):\n    setup()\nconfig')).toEqual([]);
  });
  it('a function used other than by a plain call is not followed: its names are never reported', () => {
    const uses = ['interact(setup)', 'button.on_click(setup)', 'handler = setup', 'def main():\n    setup()', 'run = lambda: setup()', '@setup\ndef g():\n    pass', 'f(callback=setup)'];
    for (const use of uses) expect(hidden('def setup():\n    global config\n    config = {}', use, 'config').filter(([, name]) => name === 'config')).toEqual([]);
  });
  it('a cell we cannot read that mentions the function may call it', () => {
    expect(hidden('def setup():\n    global config\n    config = {}', '%%unknown_magic\nsetup()', 'config')).toEqual([]);
    expect(hidden('def setup():\n    global config\n    config = {}', 'setup(', 'config')).toEqual([]);
  });
  it('`global` in a method, a nested function or at module level is not followed', () => {
    expect(hidden('class A:\n    def m(self):\n        global config\n        config = 1', 'config')).toEqual([]);
    expect(hidden('def outer():\n    def inner():\n        global config\n        config = 1', 'config')).toEqual([]);
    expect(hidden('global config', 'config')).toEqual([]);
  });
  it('`nonlocal` names are never module names', () => {
    expect(hidden('def outer():\n    count = 0\n    def bump():\n        nonlocal count\n        count += 1', 'count')).toEqual([[1, 'count', 'nowhere']]);
  });
});

describe('hidden state: function bodies that read a name no cell defines (issue 21)', () => {
  /** [cell, name, owner] of each finding, in both analysis modes (which must agree). */
  const bodies = (...cells: string[]): [number, string, string][] => {
    const inputs = cells.map((source) => ({ source }));
    const summary = (analysis: NotebookAnalysis): [number, string, string][] =>
      analysis.undefinedInBodies.map((u) => [u.cell, u.name, u.owner.kind === 'function' ? u.owner.name : u.owner.kind]);
    const fast = summary(analysePythonCells(inputs));
    expect(fast).toEqual(summary(analysePythonCells(inputs, { exhaustive: true })));
    return fast;
  };

  it('functions, methods, nested functions, lambdas and generator bodies', () => {
    expect(bodies('def f(a):\n    return a + missing')).toEqual([[0, 'missing', 'f']]);
    expect(bodies('class A:\n    def m(self):\n        return gone')).toEqual([[0, 'gone', 'm']]);
    expect(bodies('def outer():\n    def inner():\n        return absent\n    return inner')).toEqual([[0, 'absent', 'inner']]);
    expect(bodies('g = lambda: nothing_here')).toEqual([[0, 'nothing_here', 'lambda']]);
    expect(bodies('gen = (convert(v) for v in [1])')).toEqual([[0, 'convert', 'generator']]);
    expect(bodies('def outer():\n    def inner(a=default_value):\n        pass')).toEqual([[0, 'default_value', 'outer']]);
    expect(bodies('def outer():\n    @decorator_gone\n    def inner():\n        pass')).toEqual([[0, 'decorator_gone', 'outer']]);
  });
  it('reports a name once, with the other cells', () => {
    const analysis = analysePythonCells(['def f():\n    return missing', 'def g():\n    return missing'].map((source) => ({ source })));
    expect(analysis.undefinedInBodies).toMatchObject([{ cell: 0, name: 'missing', alsoIn: [1] }]);
  });
  it('a name only a function local elsewhere defines is defined nowhere', () => {
    expect(bodies('def f():\n    frame = 1', 'def g():\n    return frame')).toEqual([[1, 'frame', 'g']]);
  });
  it('a name read at module level and defined nowhere is reported there only', () => {
    expect(bodies('print(missing)\ndef f():\n    return missing')).toEqual([]);
    expect(hidden('print(missing)\ndef f():\n    return missing')).toEqual([[0, 'missing', 'nowhere']]);
  });

  const valid: [string, string[]][] = [
    ['defined in a later cell (the body runs at call time)', ['def f():\n    return later', 'later = 1']],
    ['defined in a loop, a with or a try at module level', ['def f():\n    return a, b, c', 'for a in []:\n    pass\nwith open("x") as b:\n    pass\ntry:\n    c = 1\nexcept Exception:\n    pass']],
    ['parameters, locals, for/with/except targets, imports, walrus, match', ['def f(p, *args, k=1, **kw):\n    x = p\n    for i in args:\n        pass\n    with open(p) as fh:\n        pass\n    try:\n        pass\n    except ValueError as err:\n        print(err)\n    import os\n    if (n := 1):\n        pass\n    match p:\n        case [first, *rest]:\n            print(first, rest)\n    return x, i, fh, os, n, k, kw']],
    ['a local used before its assignment is local (UnboundLocalError, not NameError)', ['def f():\n    print(total)\n    total = 1']],
    ['annotations of locals are not evaluated; `x: int` makes x local', ['def f():\n    value: UndefinedType = 1\n    other: int\n    return value']],
    ['comprehension variables, in any scope', ['def f(rows):\n    return [cell for row in rows for cell in row], {k: v for k, v in rows}']],
    ['comprehension variables leak in Python 2 code', ['print "python 2"', '[leaked for leaked in range(3)]\ndef f():\n    return leaked']],
    ['nonlocal and closures', ['def outer():\n    count = 0\n    def bump():\n        nonlocal count\n        count += 1\n    def read():\n        return count\n    return bump, read']],
    ['class attributes (even where Python would not find them), __class__, super', ['class A:\n    size = 1\n    def m(self):\n        return size, __class__, super()']],
    ['a class in a function sees its locals', ['def f():\n    base = object\n    class K(base):\n        attr = base\n    return K']],
    ['a global statement anywhere', ['def f():\n    global made_elsewhere\n    return made_elsewhere']],
    ['names in docstrings, strings and comments are not reads', ['def f():\n    """Uses `ghost_name`."""\n    # ghost_name\n    return "ghost_name"']],
    ['reads guarded by try/except NameError', ['def f():\n    try:\n        return maybe\n    except NameError:\n        return None']],
    ['builtins, IPython names, Python 2 builtins in Python 2 code', ['def f():\n    return len, display, get_ipython, In, __name__', 'print "py2"\ndef g():\n    return xrange, unicode']],
    ['magics define names', ['files = !ls\n%store -r stored\n%%capture\nprint(1)', 'def f():\n    return files, stored']],
    ['%%capture output', ['%%capture captured\nprint(1)', 'def f():\n    return captured']],
    ['TYPE_CHECKING imports', ['from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pandas as pd', 'def f():\n    return pd.DataFrame']],
    ['star import anywhere makes every body silent', ['def f():\n    return plot', 'from pylab import *']],
    ['exec, globals()[…] =, %run, get_ipython().user_ns anywhere', ['def f():\n    return a', 'exec("a = 1")']],
    ['globals() write', ['def f():\n    return b', 'globals()["b"] = 1']],
    ['%run', ['def f():\n    return c', '%run setup.py']],
    ['user_ns', ['def f():\n    return d', 'get_ipython().user_ns["d"] = 1']],
    ['a cell that does not parse mentions it', ['def f():\n    return e', 'e = (']],
    ['an unknown cell magic mentions it', ['def f():\n    return g_value', '%%cython\ng_value = 1']],
    ['dir()/locals() checks in the cell', ['def f():\n    if "h" in dir():\n        return h']],
  ];
  it.each(valid)('%s', (_, cells) => {
    expect(bodies(...cells)).toEqual([]);
  });

  it('a Spark kernel name is predefined', () => {
    const analysis = analysePythonCells([{ source: 'def f():\n    return spark.range(3)' }], { predefined: new Set(['spark']) });
    expect(analysis.undefinedInBodies).toEqual([]);
  });
  it('Python 2 builtins only in a Python 2 kernel or Python 2 code', () => {
    expect(bodies('def f():\n    return xrange(3)')).toEqual([[0, 'xrange', 'f']]);
    expect(analysePythonCells([{ source: 'def f():\n    return xrange(3)' }], { python2: true }).undefinedInBodies).toEqual([]);
  });
});

describe('hidden state: what the token pass settles without the parser (issue 24)', () => {
  /** The findings (both modes agree, as in `hidden`) and how many cells the fast mode parsed. */
  function withParses(...cells: string[]): { findings: [number, string, string][]; parsed: number } {
    const findings = hidden(...cells);
    return { findings, parsed: analysePythonCells(cells.map((source) => ({ source }))).parsedCells };
  }

  it('reads of an `except … as` name inside its handler need no parse', () => {
    expect(withParses('try:\n    1 / 0\nexcept ZeroDivisionError as err:\n    print(err)\n    print(repr(err), [a for a in err.args])')).toEqual({ findings: [], parsed: 0 });
    expect(withParses('try:\n    pass\nexcept (KeyError, ValueError) as problem: print(problem)')).toEqual({ findings: [], parsed: 0 });
    expect(withParses('try:\n    pass\nexcept* OSError as group:\n    print(group.exceptions)')).toEqual({ findings: [], parsed: 0 });
  });

  it('the handler ends where its body does: a read after it is still looked at', () => {
    // Python deletes the name when the handler ends: a read after it is one no cell defines.
    const after = withParses('try:\n    1 / 0\nexcept ZeroDivisionError as err:\n    pass\nprint(err)');
    expect(after.findings).toEqual([[0, 'err', 'nowhere']]);
    expect(after.parsed).toBe(1);
    // Nested handlers: the inner name's reads in the outer handler, after the inner one, are looked at.
    expect(withParses('try:\n    pass\nexcept OSError as outer:\n    try:\n        pass\n    except KeyError as inner:\n        print(inner, outer)\n    print(outer, inner)').findings).toEqual([[0, 'inner', 'nowhere']]);
    // A `del` of the name in its handler: its reads are looked at.
    expect(withParses('try:\n    pass\nexcept OSError as err:\n    del err\n    print(err)').parsed).toBe(1);
  });

  it('earlier cells that define every suspect settle a cell without parsing it', () => {
    // A `case` capture is a binding only the parser sees: cell 0 is parsed to find it, cell 1 not at all.
    expect(withParses('match ("go", 1):\n    case ("go", steps):\n        pass', 'print(steps)')).toEqual({ findings: [], parsed: 1 });
    // Still parsed when a suspect may be undefined: here `other` is bound nowhere.
    expect(withParses('match ("go", 1):\n    case ("go", steps):\n        pass', 'print(steps, other)')).toEqual({ findings: [[1, 'other', 'nowhere']], parsed: 2 });
  });

  it('imports in a function bind its locals, and `del` of a name the cell bound reads nothing: no parse', () => {
    expect(withParses('def show(path):\n    import matplotlib.image as mpimg\n    from scipy.io import wavfile, loadmat as lm\n    return mpimg.imread(path), wavfile, lm')).toEqual({ findings: [], parsed: 0 });
    expect(withParses('save = {"a": 1}\nrows = save["a"]\ndel save')).toEqual({ findings: [], parsed: 0 });
    // Still looked at: a name read after its `del`, and a `del` of a name no earlier statement bound.
    expect(withParses('save = 1\ndel save\nprint(save)')).toEqual({ findings: [[0, 'save', 'deleted']], parsed: 1 });
    expect(withParses('del nothing_here').parsed).toBe(1);
  });

  it('a cell without a body that runs later (def, lambda, generator) is not parsed for one', () => {
    const bound = 'match ("go", 1):\n    case ("go", steps):\n        pass';
    expect(withParses(bound, 'print([s for s in range(steps)])').parsed).toBe(1); // a list comprehension runs at once
    for (const later of ['f = lambda: steps', 'g = (s for s in range(steps))', 'sum(s for s in range(steps))', 'def f():\n    return steps']) {
      expect({ later, parsed: withParses(bound, later).parsed }).toEqual({ later, parsed: 2 });
    }
  });
});
