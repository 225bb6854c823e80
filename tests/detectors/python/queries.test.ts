import { analysePythonCells } from '../../../src/detectors/python/analysis';
import { lexCell } from '../../../src/detectors/python/lexer';
import { cellQueries, stringValue, topLevelModule, type CellQueries } from '../../../src/detectors/python/queries';
import { pythonAnalysis, pythonQueries } from '../../../src/rule-api/python';
import { codeCell, jupyterJson, markdownCell, notebookJson, parse } from '../../helpers/notebook';

function queries(source: string): CellQueries {
  return cellQueries(source, lexCell(source));
}

/** The source text of a span. */
const text = (source: string, span: { start: number; end: number }): string => source.slice(span.start, span.end);

describe('python queries: imports', () => {
  it('gives each bound name with its module, alias and span', () => {
    const source = 'import os, numpy as np\nimport matplotlib.pyplot as plt\nimport xml.etree.ElementTree\nfrom sklearn.linear_model import (LinearRegression,\n    Ridge as R)';
    const found = queries(source).imports;
    expect(found.map((b) => [b.module, b.member, b.bound, b.level])).toEqual([
      ['os', undefined, 'os', 0],
      ['numpy', undefined, 'np', 0],
      ['matplotlib.pyplot', undefined, 'plt', 0],
      ['xml.etree.ElementTree', undefined, 'xml', 0],
      ['sklearn.linear_model', 'LinearRegression', 'LinearRegression', 0],
      ['sklearn.linear_model', 'Ridge', 'R', 0],
    ]);
    expect(found.map((b) => text(source, b))).toEqual(['os', 'numpy', 'matplotlib.pyplot', 'xml.etree.ElementTree', 'sklearn.linear_model', 'sklearn.linear_model']);
    expect(found.map(topLevelModule)).toEqual(['os', 'numpy', 'matplotlib', 'xml', 'sklearn', 'sklearn']);
    // Bindings of one statement share its start.
    expect(found[4]!.statementStart).toBe(found[5]!.statementStart);
    expect(text(source, { start: found[4]!.statementStart, end: found[4]!.statementStart + 4 })).toBe('from');
  });

  it('reads relative and star imports', () => {
    const source = 'from . import utils\nfrom ..pkg.mod import f as g\nfrom ... import x\nfrom pylab import *';
    const found = queries(source).imports;
    expect(found.map((b) => [b.module, b.level, b.member, b.bound, topLevelModule(b)])).toEqual([
      ['', 1, 'utils', 'utils', ''],
      ['pkg.mod', 2, 'f', 'g', ''],
      ['', 3, 'x', 'x', ''],
      ['pylab', 0, '*', '', 'pylab'],
    ]);
    expect(text(source, found[1]!)).toBe('..pkg.mod');
  });

  it('marks imports guarded by a handler that catches a failed import', () => {
    const source = [
      'try:',
      '    import ujson as json',
      'except ImportError:',
      '    import json',
      'try:',
      '    import tomllib',
      'except (KeyError, ModuleNotFoundError) as e:',
      '    pass',
      'try:',
      '    import yaml',
      'except ValueError:',
      '    pass',
      'try: import cPickle as pickle',
      'except: import pickle',
      'try:',
      '    if True:',
      '        import lxml',
      'except Exception:',
      '    pass',
      'try:',
      '    try:',
      '        import scipy',
      '    except ValueError:',
      '        pass',
      'except ImportError:',
      '    pass',
      'try:',
      '    pass',
      'except ImportError:',
      '    try:',
      '        import torch',
      '    except KeyError:',
      '        pass',
      'import requests',
    ].join('\n');
    const found = queries(source).imports;
    expect(found.map((b) => [b.module, b.guarded])).toEqual([
      ['ujson', true],
      ['json', true],
      ['tomllib', true],
      ['yaml', false],
      ['cPickle', true],
      ['pickle', true],
      ['lxml', true],
      ['scipy', true],
      ['torch', true],
      ['requests', false],
    ]);
  });

  it('says where an import sits', () => {
    const source = 'import a\nif x:\n    import b\ndef f():\n    import c\n    class K:\n        import d\nimport e';
    expect(queries(source).imports.map((b) => [b.module, b.indented, b.inFunction])).toEqual([
      ['a', false, false],
      ['b', true, false],
      ['c', true, true],
      ['d', true, true],
      ['e', false, false],
    ]);
  });

  it('is not fooled by import words elsewhere', () => {
    const source = '"import os"\n# import sys\nraise ValueError() from err\nx = importlib.import_module("pandas")\nimported = 1';
    expect(queries(source).imports).toEqual([]);
  });
});

describe('python queries: calls', () => {
  it('gives the dotted callee, its arguments and the name bound to the result', () => {
    const source = 'pool = multiprocessing.Pool(processes=4)\nresult = pool.map(work, items, chunksize=10)\nwith mp.Pool(2) as p, open(f) as fh:\n    p.starmap(lambda a, b: a + b, pairs)';
    const found = queries(source).calls;
    expect(found.map((c) => [c.callee, c.onResult, c.boundTo, c.indented])).toEqual([
      ['multiprocessing.Pool', false, 'pool', false],
      ['pool.map', false, 'result', false],
      ['mp.Pool', false, 'p', false],
      ['open', false, 'fh', false],
      ['p.starmap', false, undefined, true],
    ]);
    const map = found[1]!;
    expect(map.args.map((a) => [a.keyword, a.name, text(source, a)])).toEqual([
      [undefined, 'work', 'work'],
      [undefined, 'items', 'items'],
      ['chunksize', undefined, '10'],
    ]);
    expect(text(source, { start: map.start, end: map.open })).toBe('pool.map');
    expect(source[map.close]).toBe(')');
    expect(found[4]!.args[0]!.lambda).toBe(true);
    expect(found[4]!.args[1]!.lambda).toBe(false);
  });

  it('tells a call on another result from a plain one', () => {
    const source = 'ctx = mp.get_context("fork").Pool()\nframes[0].plot(x=1)\nf(a)(b)';
    expect(queries(source).calls.map((c) => [c.callee, c.onResult, c.boundTo])).toEqual([
      ['mp.get_context', false, undefined],
      ['Pool', true, 'ctx'],
      ['plot', true, undefined],
      ['f', false, undefined],
      ['', true, undefined],
    ]);
  });

  it('binds only when the call is the whole right side', () => {
    const calls = queries('x = f(a).g(b)\ny = h(1) + 2\nz = k(3); w = m()\nwith get_context("fork").Pool(2) as p:\n    pass\nv = (a + b).f()').calls;
    expect(calls.map((c) => [c.callee, c.boundTo])).toEqual([
      ['f', undefined],
      ['g', 'x'],
      ['h', undefined],
      ['k', 'z'],
      ['m', 'w'],
      ['get_context', undefined],
      ['Pool', 'p'],
      ['f', undefined],
    ]);
  });

  it('gives string literal arguments, f-strings and implicit concatenation included', () => {
    const source = 'pd.read_csv("/data/" "x.csv", sep=\';\')\nopen(f"{root}/a.txt")\nprint(*args, **kwargs)';
    const [read, open, print] = queries(source).calls;
    expect(read!.args.map((a) => a.strings?.map((s) => stringValue(source, s)))).toEqual([['/data/', 'x.csv'], [';']]);
    expect(read!.args[1]!.keyword).toBe('sep');
    expect(open!.args[0]!.strings!.map((s) => s.prefix)).toEqual(['f']);
    expect(print!.args.map((a) => [a.keyword, a.name])).toEqual([
      ['*', 'args'],
      ['**', 'kwargs'],
    ]);
  });

  it('spans an f-string argument from its opening quote, fields and all', () => {
    const source = 'np.save(f"/home/x/{n}.npy", v)';
    const [save] = queries(source).calls;
    expect(save!.args.map((arg) => text(source, arg))).toEqual(['f"/home/x/{n}.npy"', 'v']);
  });

  it('skips definitions, keywords and f-string fields', () => {
    const source = 'def f(x):\n    return (x)\nclass C(Base):\n    pass\nif (a):\n    pass\ns = f"{g(1)}"';
    expect(queries(source).calls.map((c) => c.callee)).toEqual([]);
  });

  it('says whether a call runs in a function body', () => {
    const calls = queries('def main():\n    run(1)\nmain()').calls;
    expect(calls.map((c) => [c.callee, c.inFunction])).toEqual([
      ['run', true],
      ['main', false],
    ]);
  });
});

describe('python queries: definitions', () => {
  it('lists functions, classes and lambdas with their nesting', () => {
    const source = 'def work(x):\n    def inner(y):\n        return y\n    return inner(x)\nasync def fetch():\n    pass\nclass Task:\n    def run(self):\n        pass\nsquare = lambda v: v * v\nsorted(xs, key=lambda k: -k)';
    const found = queries(source).definitions;
    expect(found.map((d) => [d.kind, d.name, d.nested, d.inFunction])).toEqual([
      ['def', 'work', false, false],
      ['def', 'inner', true, true],
      ['def', 'fetch', false, false],
      ['class', 'Task', false, false],
      ['def', 'run', true, false],
      ['lambda', 'square', false, false],
      ['lambda', '', false, false],
    ]);
    expect(found.slice(0, 5).map((d) => text(source, d))).toEqual(['work', 'inner', 'fetch', 'Task', 'run']);
    expect(text(source, found[6]!)).toBe('lambda');
  });
});

describe('python queries: string literals', () => {
  it('gives every literal with its prefix and decoded value', () => {
    const source = 'a = "tab\\there"\nb = r"C:\\Users\\ann"\nc = \'\'\'multi\nline\'\'\'\nd = f"{x}"\ne = b"\\x00"\ng = "\\x41\\u00e9\\101"\nh = "open';
    const found = queries(source).strings;
    expect(found.map((s) => [s.prefix, stringValue(source, s)])).toEqual([
      ['', 'tab\there'],
      ['r', 'C:\\Users\\ann'],
      ['', 'multi\nline'],
      ['f', undefined],
      ['b', undefined],
      ['', 'Aé' + 'A'],
      ['', 'open'],
    ]);
    expect(text(source, found[1]!)).toBe('r"C:\\Users\\ann"');
  });

  it('gives the IPython lines too', () => {
    expect(queries('!pip install pandas\n%pip install numpy==1.26\nimport pandas').ipython.map((line) => [line.kind, line.name])).toEqual([
      ['shell', ''],
      ['magic', 'pip'],
    ]);
  });
});

describe('python queries: one lex for every Python rule', () => {
  it('are read from the lex the hidden-state analysis does, once per Python cell', () => {
    const lexedCells: number[] = [];
    const cells = [{ source: 'import os' }, { source: '%%bash\nls' }, { source: 'x = 1' }, { source: 'print(x)', otherLanguage: true }];
    analysePythonCells(cells, { onLexed: (cell) => lexedCells.push(cell) });
    expect(lexedCells).toEqual([0, 2]);
  });

  it('come with the notebook analysis, one entry per code cell, undefined for cells that are not Python', () => {
    const notebook = parse(jupyterJson(notebookJson([codeCell('import numpy as np'), markdownCell('# t'), codeCell('%%bash\nimport x'), codeCell('np.zeros(3)')])));
    const found = pythonQueries(notebook)!;
    expect(found).toBe(pythonAnalysis(notebook)); // the same cached object: no second pass
    expect(found.cells.map((cell) => cell.index)).toEqual([0, 2, 3]);
    expect(found.queries.map((q) => q?.imports.map((b) => b.bound))).toEqual([['np'], undefined, []]);
    expect(found.queries[2]!.calls[0]!.callee).toBe('np.zeros');
  });

  it('are undefined for a notebook in another language', () => {
    const r = parse(jupyterJson(notebookJson([codeCell('library(x)')], { kernelspec: { display_name: 'R', language: 'R', name: 'ir' }, language_info: { name: 'R' } })));
    expect(pythonQueries(r)).toBeUndefined();
  });
});
