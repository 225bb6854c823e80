import fs from 'node:fs';
import path from 'node:path';
import { cycles, folderOf, importsOf, LAYERS, layerOf, REPOSITORY, sourceFiles } from './import-graph';

// The sources are not part of an installed package (scripts/fresh-install.sh runs other suites).
const haveSources = fs.existsSync(path.join(REPOSITORY, 'src', 'engine', 'engine.ts'));
const describeWithSources = haveSources ? describe : describe.skip;

describeWithSources('the program is layered', () => {
  const files = sourceFiles();
  const imports = importsOf(files);
  const name = (file: string): string => path.relative(REPOSITORY, file);

  it('reads the program (a graph too small would make every check below pass vacuously)', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(imports.length).toBeGreaterThan(500);
    expect(imports.some(({ from, to }) => name(from) === 'src/engine/engine.ts' && name(to) === 'src/engine/registry.ts')).toBe(true);
  });

  it('puts every source folder in exactly one layer', () => {
    const folders = [...new Set(files.map(folderOf))].sort();
    expect(folders.filter((folder) => layerOf(folder) < 0)).toEqual([]);
    const listed = LAYERS.flat();
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('imports only downward: no module imports from its own layer\'s other folders or from a layer above', () => {
    const upward = imports
      .filter(({ from, to }) => folderOf(from) !== folderOf(to) && layerOf(folderOf(to)) <= layerOf(folderOf(from)))
      .map(({ from, to }) => `${name(from)} → ${name(to)}`);
    expect(upward).toEqual([]);
  });

  it('has no import cycle between modules, type-only imports included', () => {
    expect(cycles(imports).map((cycle) => cycle.map(name).sort())).toEqual([]);
  });

  it('keeps src/rules to rule modules: each one defines exactly one rule and is in the registry', () => {
    const registry = fs.readFileSync(path.join(REPOSITORY, 'src', 'engine', 'registry.ts'), 'utf8');
    const modules = fs.readdirSync(path.join(REPOSITORY, 'src', 'rules')).filter((entry) => entry.endsWith('.ts'));
    for (const module of modules) {
      const text = fs.readFileSync(path.join(REPOSITORY, 'src', 'rules', module), 'utf8');
      expect([module, text.match(/= defineRule\b/g)?.length ?? 0]).toEqual([module, 1]);
      expect([module, registry.includes(`'../rules/${module.replace(/\.ts$/, '')}'`)]).toEqual([module, true]);
    }
  });
});

describe('the layer checks can fail', () => {
  it('finds a cycle and an upward import in a made-up graph', () => {
    const a = path.join(REPOSITORY, 'src', 'engine', 'a.ts');
    const b = path.join(REPOSITORY, 'src', 'rules', 'b.ts');
    const graph = [
      { from: a, to: b, typeOnly: false },
      { from: b, to: a, typeOnly: true },
    ];
    expect(cycles(graph)).toHaveLength(1);
    expect(layerOf(folderOf(a))).toBeLessThan(layerOf(folderOf(b)));
  });
});
