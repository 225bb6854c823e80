import fc from 'fast-check';
import { analysePythonCells } from '../../../src/detectors/python/analysis';

/**
 * Random cells built from the constructs the token shortcut reasons about: whatever the mix,
 * proving cells clean without a parse must never change what the parser-based analysis finds.
 */
const NAMES = ['a', 'b', 'c', 'items', 'f'];
const name = fc.constantFrom(...NAMES);
const statement = fc.oneof(
  fc.tuple(name, name).map(([x, y]) => `${x} = ${y}`),
  fc.tuple(name, name).map(([x, y]) => `${x}, ${y} = 1, 2`),
  fc.tuple(name, name).map(([x, y]) => `${x} += ${y}`),
  fc.tuple(name, name).map(([x, y]) => `print(${x}, key=${y})`),
  fc.tuple(name, name).map(([x, y]) => `for ${x} in ${y}:\n    print(${x})`),
  fc.tuple(name, name).map(([x, y]) => `def ${x}(${y}, *args, k=1, **kw):\n    return ${y} + k`),
  fc.tuple(name, name).map(([x, y]) => `class ${x}:\n    size = ${y}\n    def m(self):\n        return ${y}`),
  fc.tuple(name, name).map(([x, y]) => `[${x} for ${x} in ${y} if ${x}]`),
  fc.tuple(name, name).map(([x, y]) => `${x} = lambda ${y}: ${y} * 2`),
  fc.tuple(name, name).map(([x, y]) => `with open(${y}) as ${x}:\n    pass`),
  fc.tuple(name, name).map(([x, y]) => `try:\n    ${x}\nexcept ValueError as ${y}:\n    pass`),
  fc.tuple(name, name).map(([x, y]) => `if (${x} := ${y}):\n    pass`),
  fc.tuple(name, name).map(([x, y]) => `import ${x}.sub as ${y}`),
  fc.tuple(name, name).map(([x, y]) => `from m import ${x}, ${y} as z`),
  fc.tuple(name, name).map(([x, y]) => `${x}.attr = ${y}.attr`),
  fc.tuple(name, name).map(([x, y]) => `f"{${x}!r:>{${y}}}"`),
  name.map((x) => `del ${x}`),
  name.map((x) => `%time ${x} = 1`),
  name.map((x) => `${x} = !ls`),
  name.map((x) => `${x}?`),
  fc.tuple(name, name).map(([x, y]) => `${x}; ${y} = 3`),
  fc.tuple(name, name).map(([x, y]) => `${x} = [\n    ${y},\n]`),
  fc.constant('x = (1,'),
  // `global` statements followed to their calls; function bodies reading names defined nowhere.
  fc.tuple(name, name).map(([x, y]) => `def ${x}():\n    global ${y}\n    ${y} = 1`),
  name.map((x) => `${x}()`),
  name.map((x) => `run(${x})`),
  fc.tuple(name, name).map(([x, y]) => `def ${x}(p):\n    return p + ${y} + missing`),
  fc.tuple(name, name).map(([x, y]) => `${x} = lambda: ${y}`),
  fc.tuple(name, name).map(([x, y]) => `${x} = (${y} for _ in [1])`),
  // What the token pass takes for a function's own locals (it must never hide a module read).
  fc.tuple(name, name).map(([x, y]) => `def ${x}(p):\n    ${y} = p\n    def g(): pass; leaked = 2\n    return ${y} + leaked`),
  fc.tuple(name, name).map(([x, y]) => `def ${x}():\n    with open(${x}) as ${y}:\n        return ${y}\n    return k(key=${y}, other=${x})`),
  fc.tuple(name, name).map(([x, y]) => `def ${x}():\n    for ${y} in []: pass\n    class K:\n        ${x} = ${y}\n        def m(self): return ${x}\n    return [${y} for ${y} in ${x}]`),
  fc.tuple(name, name).map(([x, y]) => `def ${x}():\n    try:\n        pass\n    except E as ${y}:\n        pass\n    ${x}: int\n    return f"{${y}=}"`),
  fc.tuple(name, name).map(([x, y]) => `def ${x}():\n    def inner():\n        global ${y}\n        return ${y}\n    ${y} = 1`),
);
const cell = fc.array(statement, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n'));

describe('hidden-state token shortcut', () => {
  it('never changes the findings of the full parse', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 5 }), (cells) => {
        const inputs = cells.map((source) => ({ source }));
        const fast = analysePythonCells(inputs);
        const full = analysePythonCells(inputs, { exhaustive: true });
        expect(fast.hidden.map((h) => [h.cell, h.name, h.start, h.kind])).toEqual(full.hidden.map((h) => [h.cell, h.name, h.start, h.kind]));
        expect(fast.undefinedInBodies).toEqual(full.undefinedInBodies);
      }),
      { numRuns: Number(process.env.NBGUARD_PROPERTY_RUNS ?? 400) },
    );
  });
});
