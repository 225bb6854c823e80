import { spawnSync } from 'node:child_process';
import fs, { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLED, bundleModule, HOOK_ENTRY, HOOK_JUDGING, isBundle, unbundledFile, withOwnFolder } from '../../scripts/bundle-hook';
import type * as HookJudging from '../../src/run/hook-judging';
import { CATALOG_KEYWORDS_FILE } from '../../src/detectors/secrets/keyword-tables';
import { cleanNotebook, dirtyNotebook, git, gitEnv, gitRepo, put, show } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson, streamOutput, tempDir } from '../helpers/notebook';
import { FAKES } from '../secrets/fakes';
import { Rng } from '../secrets/random';

/**
 * The build bundles the hook's modules into two files (scripts/bundle-hook.ts): its process wiring
 * with the git modules, and what it loads once a notebook is staged. A bundle must run exactly as
 * the modules it holds: the same verdicts, every module finding the files beside it, and no module
 * in both bundles (two copies of a class break `instanceof`).
 */
const DIST_SRC = path.resolve(__dirname, '..', '..', 'src');
/** tsc's module: the kept copy once the build has bundled in place, else the module itself. */
const tscModule = (module: string): string => (existsSync(module) && isBundle(module) ? unbundledFile(module) : module);
const relative = (inputs: readonly string[]): string[] => inputs.map((input) => path.relative(DIST_SRC, path.resolve(input)).split(path.sep).join('/'));

describe('the hook\'s bundle', () => {
  let folder: string;
  let bundle: string;
  let inputs: string[];
  let entryInputs: string[];
  let entryBundle: string;
  beforeAll(async () => {
    // Inside dist/src (a folder as deep as run/), so the bundles find the npm packages they leave
    // out and the other bundle, as they do when installed.
    folder = mkdtempSync(path.join(DIST_SRC, 'bundle-test-'));
    bundle = path.join(folder, 'hook-judging.js');
    entryBundle = path.join(folder, 'pre-commit.js');
    inputs = await bundleModule(tscModule(HOOK_JUDGING), bundle, [HOOK_ENTRY]);
    entryInputs = await bundleModule(tscModule(HOOK_ENTRY), entryBundle, [HOOK_JUDGING]);
  }, 60_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('holds the judging modules in one, the process wiring and git in the other, and no module in both', () => {
    const judging = relative(inputs);
    const wiring = relative(entryInputs);
    expect(judging).toEqual(expect.arrayContaining(['run/verdict.js', 'engine/registry.js', 'rules/secret.js', 'config/load.js', 'report/hook.js']));
    expect(judging.length).toBeGreaterThan(100);
    expect(wiring).toEqual(expect.arrayContaining(['run/pre-commit.js', 'git/staged.js', 'git/cat-file.js', 'git/index-update.js', 'entry/compile-cache.js']));
    // util/lazy and util/text-hash hold no state: a copy of them in each is harmless.
    expect(judging.filter((module) => wiring.includes(module)).sort()).toEqual(['util/lazy.js', 'util/text-hash.js']);
    expect([...judging, ...wiring].filter((module) => module.includes('node_modules'))).toEqual([]);
    // The wiring requires the judging as a file of its own, loaded only once a notebook is staged.
    expect(readFileSync(entryBundle, 'utf8')).toContain('require("../run/hook-judging")');
    expect(BUNDLED).toEqual([HOOK_JUDGING, HOOK_ENTRY]);
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
    const unbundled = require(tscModule(HOOK_JUDGING)) as typeof HookJudging;
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
    expect(readFileSync(bundle, 'utf8')).toContain('__dirname = require("node:path").join(__nbguardBundleFolder, "../schemas")');
  });

  it('runs the hook from the wiring\'s bundle: the staged notebook is stripped, the working copy kept', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', dirtyNotebook());
    git(repo, ['add', 'a.ipynb']);
    const script = `const hook = require(${JSON.stringify(entryBundle)}); hook.preCommitMain([]).then(hook.exitHook)`;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: repo, env: gitEnv({ NODE_DISABLE_COMPILE_CACHE: '1' }), encoding: 'utf8' });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: expect.stringMatching(/^nbguard: stripped 1 staged notebook/), stderr: '' });
    expect(show(repo, ':0', 'a.ipynb')).toBe(cleanNotebook());
    expect(readFileSync(path.join(repo, 'a.ipynb'), 'utf8')).toBe(dirtyNotebook());
  });

  it('keeps each module strict: its own folder is declared after "use strict"', () => {
    const file = path.join(DIST_SRC, 'schemas', 'package-schema.js');
    const source = '"use strict";\nexports.x = __dirname;\n';
    const moved = withOwnFolder(source, file, path.join(DIST_SRC, 'run'));
    expect(moved.startsWith('"use strict";\nvar __dirname = require("node:path").join(__nbguardBundleFolder, "../schemas");\n')).toBe(true);
    expect(withOwnFolder('exports.x = 1;\n', file, DIST_SRC)).toBe('exports.x = 1;\n');
  });
});
