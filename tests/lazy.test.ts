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
});
