import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lazy } from '../src/util/lazy';

const ROOT = path.resolve(__dirname, '..', '..');

function sources(): string[] {
  return ['src', 'hooks'].flatMap((folder) =>
    readdirSync(path.join(ROOT, folder), { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && path.basename(file) !== 'lazy.ts') // lazy.ts shows the pattern in a comment
      .map((file) => path.join(folder, file)),
  );
}

describe('lazy modules', () => {
  it('loads a module on the first call only, not before', () => {
    let loads = 0;
    const module = lazy(() => ({ n: ++loads }));
    expect(loads).toBe(0);
    expect(module().n).toBe(1);
    expect(module().n).toBe(1);
    expect(loads).toBe(1);
  });

  it('is the one way modules are loaded late: each require names the module of its `import type`', () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(100);
    let declared = 0;
    for (const file of files) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      expect({ file, cast: /as typeof import\(/.test(text) }).toEqual({ file, cast: false });
      for (const match of text.matchAll(/lazy\(\(\): typeof (\w+) => require\('([^']+)'\)\)/g)) {
        declared++;
        const [, type, specifier] = match;
        const imported = new RegExp(`^import type (?:\\* as )?${type} from '${specifier!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}';$`, 'm');
        expect({ file, type, specifier, imported: imported.test(text) }).toEqual({ file, type, specifier, imported: true });
      }
    }
    expect(declared).toBeGreaterThan(50);
  });

  it('knowing the rules (the registry, as every config needs it) loads none of what only checking needs', () => {
    // What a run from the result cache, `strip` or `check` with the rules off must not pay for.
    const registry = path.join(ROOT, 'dist', 'src', 'engine', 'registry.js');
    const loadedBy = (code: string): string[] => {
      const script = `const registry = require(${JSON.stringify(registry)}); ${code}; process.stdout.write(JSON.stringify(Object.keys(require.cache)))`;
      const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      return (JSON.parse(run.stdout) as string[]).map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
    };
    // The registry alone loads no rule; a rule, once asked for, loads without the detectors its check needs.
    expect(loadedBy('').filter((file) => file.includes('/rules/'))).toEqual([]);
    const withSecret = loadedBy("registry.findRule('secret')");
    expect(withSecret).toContain('dist/src/rules/secret.js');
    expect(withSecret.filter((file) => /detectors\/secrets\/(?:catalog|index|scanner|keyword)|detectors\/python\/(?:analysis|facts|tree)/.test(file))).toEqual([]);
  });
});
