import fs, { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleHookJudging, HOOK_JUDGING, HOOK_JUDGING_UNBUNDLED, isBundle, withOwnFolder } from '../../scripts/bundle-hook';
import type * as HookJudging from '../../src/run/hook-judging';
import { CATALOG_KEYWORDS_FILE } from '../../src/detectors/secrets/keyword-tables';
import { codeCell, jupyterJson, notebookJson, streamOutput, tempDir } from '../helpers/notebook';
import { FAKES } from '../secrets/fakes';
import { Rng } from '../secrets/random';

/**
 * The build bundles the modules the hook loads once a notebook is staged into one file
 * (scripts/bundle-hook.ts). The bundle must judge exactly as the modules it holds: the same
 * verdicts, every module finding the files beside it, and no copy of a module the hook also loads
 * outside it (two copies of a class break `instanceof`).
 */
const DIST_SRC = path.resolve(__dirname, '..', '..', 'src');
/** tsc's module: the kept copy once the build has bundled in place, else the module itself. */
const tscModule = (): string => (existsSync(HOOK_JUDGING) && isBundle(HOOK_JUDGING) ? HOOK_JUDGING_UNBUNDLED : HOOK_JUDGING);

describe('the hook\'s bundle', () => {
  let folder: string;
  let bundle: string;
  let inputs: string[];
  beforeAll(async () => {
    // Inside dist/, so the bundle finds the npm packages it leaves out, as it does when installed.
    folder = mkdtempSync(path.join(DIST_SRC, '..', 'bundle-test-'));
    bundle = path.join(folder, 'hook-judging.js');
    inputs = await bundleHookJudging(tscModule(), bundle);
  }, 60_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('holds the judging modules and none of those the hook loads before it', () => {
    const held = inputs.map((input) => path.relative(DIST_SRC, path.resolve(input)).split(path.sep).join('/'));
    expect(held).toEqual(expect.arrayContaining(['run/verdict.js', 'engine/registry.js', 'rules/secret.js', 'config/load.js', 'report/hook.js']));
    expect(held.length).toBeGreaterThan(100);
    // util/lazy holds no state: a copy of it is harmless.
    expect(held.filter((module) => /^(git|entry|cli)\//.test(module) || module === 'run/pre-commit.js')).toEqual([]);
    expect(held.filter((module) => module.includes('node_modules'))).toEqual([]);
  });

  it('judges a notebook as the unbundled modules do, reading the files beside them', () => {
    const token = FAKES['github-pat']!(new Rng(24)).code;
    const notebook = Buffer.from(
      jupyterJson(
        notebookJson([
          codeCell(`${token}\nprint(open('/home/alice/data.csv').read())\n`, { execution_count: 3, outputs: [streamOutput('alice@example.com\n')] }),
          codeCell('import pandas\n', { execution_count: 1, outputs: [] }),
        ]),
      ),
    );
    const dir = tempDir('nbguard-bundle-');
    writeFileSync(path.join(dir, '.nbguardrc.json'), '{"rules": {"execution-gap": "error"}}');
    const warnings: string[] = [];
    const judge = (judging: typeof HookJudging): object => {
      const config = judging.loadRunConfig({ cwd: dir, warn: (line) => warnings.push(line) });
      const verdict = judging.judgeNotebook(notebook, 'analysis.ipynb', config, true);
      const rules = (findings: readonly { rule: string; line: number | null }[]): string[] => findings.map(({ rule, line }) => `${rule}@${line}`);
      return { blocking: rules(verdict.blocking), warnings: rules(verdict.warnings), removed: rules(verdict.removed), stripped: verdict.stripped };
    };
    const unbundled = require(tscModule()) as typeof HookJudging;
    const expected = judge(unbundled);
    expect(expected).toMatchObject({ blocking: expect.arrayContaining([expect.stringMatching(/^secret@/)]), stripped: expect.any(String) });

    // Files the bundle reads, while it alone runs.
    const reads: string[] = [];
    const readFileSyncBefore = fs.readFileSync;
    const spy = jest.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, options?: never) => {
      if (typeof file === 'string') reads.push(file);
      return readFileSyncBefore(file, options);
    }) as typeof fs.readFileSync);
    try {
      const bundled = require(bundle) as typeof HookJudging;
      expect(Object.keys(bundled).sort()).toEqual(Object.keys(unbundled).sort());
      expect(judge(bundled)).toEqual(expected);
    } finally {
      spy.mockRestore();
    }
    expect(warnings).toEqual([]);
    // Its keyword tables found their prebuilt file where the module they came from is (else they are built at run time).
    expect(reads).toContain(CATALOG_KEYWORDS_FILE);
    expect(readFileSync(bundle, 'utf8')).toContain('__dirname = require("node:path").join(__nbguardBundleFolder, "../src/schemas")');
  });

  it('keeps each module strict: its own folder is declared after "use strict"', () => {
    const file = path.join(DIST_SRC, 'schemas', 'package-schema.js');
    const source = '"use strict";\nexports.x = __dirname;\n';
    const moved = withOwnFolder(source, file, path.join(DIST_SRC, 'run'));
    expect(moved.startsWith('"use strict";\nvar __dirname = require("node:path").join(__nbguardBundleFolder, "../schemas");\n')).toBe(true);
    expect(withOwnFolder('exports.x = 1;\n', file, DIST_SRC)).toBe('exports.x = 1;\n');
  });
});
