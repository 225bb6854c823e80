import { isAscii } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serialize } from 'node:v8';
import { defaultConfig, type EffectiveConfig } from '../../src/config/config';
import { findRule } from '../../src/engine/registry';
import { CACHE_FILE, ResultCache, defaultCacheLocation } from '../../src/run/result-cache';
import type { FileReport } from '../../src/engine/finding';
import { runCli } from '../helpers/cli';
import { dirtyNotebook, git, gitRepo, put } from '../helpers/git';
import { tempDir } from '../helpers/notebook';

/** Files written by a test are "racily clean" (too recent to trust their stat): age them. */
function age(file: string, seconds = 60): void {
  const then = new Date(Date.now() - seconds * 1000);
  utimesSync(file, then, then);
}

const report = (file: string): FileReport => ({ path: file, findings: [] });

describe('ResultCache', () => {
  it('gives back a report only for the same file, unchanged, under the same config and version', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.ipynb');
    writeFileSync(file, dirtyNotebook());
    age(file);
    const config = defaultConfig();
    const first = ResultCache.open(dir, '1.0.0');
    expect(first.get(file, statSync(file), config)).toBeUndefined();
    first.set(file, statSync(file), config, report(file));
    await first.save();

    expect(ResultCache.open(dir, '1.0.0').get(file, statSync(file), config)).toEqual(report(file));
    // Another config, another version: not trusted.
    expect(ResultCache.open(dir, '1.0.0').get(file, statSync(file), defaultConfig({ keepOutput: true }))).toBeUndefined();
    expect(ResultCache.open(dir, '1.0.1').get(file, statSync(file), config)).toBeUndefined();
    // The file changed (same size: only the times tell).
    writeFileSync(file, dirtyNotebook().replace('hello', 'HELLO'));
    age(file, 30);
    expect(ResultCache.open(dir, '1.0.0').get(file, statSync(file), config)).toBeUndefined();
  });

  it("keys a config by what can change a report: an off rule's options cannot, a rule's own options can", async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.ipynb');
    writeFileSync(file, dirtyNotebook());
    age(file);
    const withRule = (id: string, severity: 'off' | 'warning', options: unknown): EffectiveConfig => {
      const base = defaultConfig();
      return { ...base, rules: new Map([...base.rules, [id, { severity, options }]]) };
    };
    const cache = ResultCache.open(dir, '1.0.0');
    cache.set(file, statSync(file), withRule('large-output', 'off', { maxOutputBytes: 10 }), report(file));
    await cache.save();
    const again = ResultCache.open(dir, '1.0.0');
    expect(again.get(file, statSync(file), withRule('large-output', 'off', { maxOutputBytes: 99 }))).toEqual(report(file));
    expect(again.get(file, statSync(file), withRule('large-output', 'warning', { maxOutputBytes: 99 }))).toBeUndefined();
    // The defaults stand for the rule's default options (read from no rule module), not for others.
    const defaults = findRule('large-output')!.defaultOptions as Record<string, number>;
    const other = ResultCache.open(dir, '1.0.0');
    other.set(file, statSync(file), defaultConfig(), report(file));
    await other.save();
    expect(ResultCache.open(dir, '1.0.0').get(file, statSync(file), withRule('large-output', 'warning', { ...defaults, maxOutputBytes: 7 }))).toBeUndefined();
    expect(ResultCache.open(dir, '1.0.0').get(file, statSync(file), defaultConfig())).toEqual(report(file));
  });

  it('gives a report stored without content hashes only to a run that does not need them', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.ipynb');
    writeFileSync(file, dirtyNotebook());
    age(file);
    const config = defaultConfig();
    const cache = ResultCache.open(dir, '1');
    cache.set(file, statSync(file), config, report(file), '', false);
    await cache.save();
    expect(ResultCache.open(dir, '1').get(file, statSync(file), config, '', false)).toEqual(report(file));
    expect(ResultCache.open(dir, '1').get(file, statSync(file), config, '', true)).toBeUndefined();
    // A fingerprinted report does for either.
    const again = ResultCache.open(dir, '1');
    again.set(file, statSync(file), config, report(file), '', true);
    await again.save();
    expect(ResultCache.open(dir, '1').get(file, statSync(file), config, '', false)).toEqual(report(file));
    expect(ResultCache.open(dir, '1').get(file, statSync(file), config, '', true)).toEqual(report(file));
  });

  it('does not store a report of a file modified within the last seconds, nor of a file that failed', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.ipynb');
    writeFileSync(file, dirtyNotebook());
    const cache = ResultCache.open(dir, '1');
    cache.set(file, statSync(file), defaultConfig(), report(file));
    age(file);
    cache.set(path.join(dir, 'b.ipynb'), statSync(file), defaultConfig(), { ...report('b.ipynb'), internalError: 'Error: boom' });
    await cache.save();
    expect(existsSync(path.join(dir, CACHE_FILE))).toBe(false);
  });

  it('ignores a corrupt or foreign cache file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.ipynb');
    writeFileSync(file, dirtyNotebook());
    age(file);
    const stat = statSync(file);
    writeFileSync(path.join(dir, CACHE_FILE), 'not a cache');
    expect(ResultCache.open(dir, '1').get(file, stat, defaultConfig())).toBeUndefined();
    // Right header, entries of the wrong shape.
    const header = { format: 2, version: '1', node: process.versions.node.split('.')[0] };
    writeFileSync(path.join(dir, CACHE_FILE), serialize({ ...header, entries: { [file]: { size: stat.size, report: 'x' } } }));
    expect(ResultCache.open(dir, '1').get(file, stat, defaultConfig())).toBeUndefined();
  });

  it('ignores a cache file of the earlier format (v8.serialize) after an upgrade', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.ipynb');
    writeFileSync(file, dirtyNotebook());
    age(file);
    const stat = statSync(file);
    const cache = ResultCache.open(dir, '1');
    cache.set(file, stat, defaultConfig(), report(file), '', true);
    await cache.save();
    // What format 4 wrote for the same entry, with every field right: not ours any more.
    const [, entryLine] = readFileSync(path.join(dir, CACHE_FILE), 'latin1').split('\n');
    const [key, stamp, config, fingerprinted, used] = JSON.parse(entryLine!) as [string, string, string, boolean, number];
    const header = { format: 4, version: '1', node: process.versions.node.split('.')[0] };
    writeFileSync(path.join(dir, CACHE_FILE), serialize({ ...header, entries: { [key]: { stamp, config, fingerprinted, used, report: report(file) } } }));
    expect(ResultCache.open(dir, '1').get(file, stat, defaultConfig())).toBeUndefined();
  });

  describe('the cache file (format 6: ASCII JSON lines)', () => {
    /** Two aged files, a and b, cached with their reports; the cache file's text. */
    async function twoCached(reportOf: (file: string) => FileReport = report): Promise<{ dir: string; a: string; b: string; text: string }> {
      const dir = tempDir();
      const a = path.join(dir, 'a.ipynb');
      const b = path.join(dir, 'b.ipynb');
      for (const file of [a, b]) {
        writeFileSync(file, dirtyNotebook());
        age(file);
      }
      const cache = ResultCache.open(dir, '1');
      for (const file of [a, b]) cache.set(file, statSync(file), defaultConfig(), reportOf(file));
      await cache.save();
      return { dir, a, b, text: readFileSync(path.join(dir, CACHE_FILE), 'latin1') };
    }
    const hit = (dir: string, file: string): FileReport | undefined => ResultCache.open(dir, '1').get(file, statSync(file), defaultConfig());

    it('keeps any text exactly (non-ASCII, control characters, lone surrogates) in an ASCII file', async () => {
      const strange = 'é ✓ 😀 \u2028 \u0000 \t "quoted" \\ \ud800 lone \udfff';
      const withText = (file: string): FileReport => ({
        path: `${file} ${strange}`,
        findings: [{ rule: 'secret', severity: 'error', messageId: 'found', message: strange, fixable: false, cell: 1, cellId: strange, output: null, line: 2, column: 3, fileLine: 4, fileColumn: 5, offset: 6, length: 7, path: ['cells', 0, strange], excerpt: strange, hash: 'sha256:00', removedByStrip: false }],
      });
      const { dir, a, text } = await twoCached(withText);
      expect(isAscii(readFileSync(path.join(dir, CACHE_FILE)))).toBe(true);
      expect(text).not.toContain('é');
      expect(hit(dir, a)).toEqual({ ...withText(a), path: a });
    });

    it('names each config once, in the header, and each entry\'s by its index; an index that names none makes the file foreign', async () => {
      const dir = tempDir();
      const files = ['a', 'b', 'c'].map((name) => path.join(dir, `${name}.ipynb`));
      for (const file of files) {
        writeFileSync(file, dirtyNotebook());
        age(file);
      }
      const keeping = defaultConfig({ keepOutput: true });
      const cache = ResultCache.open(dir, '1');
      cache.set(files[0]!, statSync(files[0]!), defaultConfig(), report(files[0]!));
      cache.set(files[1]!, statSync(files[1]!), keeping, report(files[1]!));
      cache.set(files[2]!, statSync(files[2]!), defaultConfig(), report(files[2]!));
      await cache.save();
      const cacheFile = path.join(dir, CACHE_FILE);
      const lines = readFileSync(cacheFile, 'latin1').split('\n');
      const header = JSON.parse(lines[0]!) as { configs: string[] };
      expect(header.configs).toHaveLength(2);
      expect(header.configs[1]).toContain('"keepOutput":true');
      expect([1, 3, 5].map((i) => (JSON.parse(lines[i]!) as unknown[])[2])).toEqual([0, 1, 0]);
      // Each under its own config, read back through the indexes.
      const again = ResultCache.open(dir, '1');
      expect(again.get(files[1]!, statSync(files[1]!), keeping)).toEqual(report(files[1]!));
      expect(again.get(files[1]!, statSync(files[1]!), defaultConfig())).toBeUndefined();
      expect(again.get(files[2]!, statSync(files[2]!), defaultConfig())).toEqual(report(files[2]!));
      for (const index of [2, -1, 0.5]) {
        const entry = JSON.parse(lines[3]!) as unknown[];
        writeFileSync(cacheFile, lines.map((line, i) => (i === 3 ? JSON.stringify([entry[0], entry[1], index, ...entry.slice(3)]) : line)).join('\n'), 'latin1');
        expect(ResultCache.open(dir, '1').get(files[0]!, statSync(files[0]!), defaultConfig())).toBeUndefined();
      }
    });

    it('ignores the whole file when it is cut anywhere, or an entry is repeated', async () => {
      const { dir, a, b, text } = await twoCached();
      expect(hit(dir, a)).toEqual(report(a));
      const cacheFile = path.join(dir, CACHE_FILE);
      const lines = text.split('\n');
      const cuts = [
        text.slice(0, -1), // the final newline
        text.slice(0, text.length - 5), // inside the last report
        `${lines.slice(0, 3).join('\n')}\n`, // after a whole entry: one is missing
        `${lines[0]}\n`, // the header alone
        text.slice(0, text.indexOf('\n', text.indexOf('\n') + 1) - 3), // inside the first entry line
        '',
      ];
      for (const cut of cuts) {
        writeFileSync(cacheFile, cut, 'latin1');
        expect([hit(dir, a), hit(dir, b)]).toEqual([undefined, undefined]);
      }
      writeFileSync(cacheFile, `${[...lines.slice(0, 3), ...lines.slice(1)].join('\n')}`, 'latin1');
      expect([hit(dir, a), hit(dir, b)]).toEqual([undefined, undefined]);
    });

    it('ignores a file whose report length disagrees with its line, or with a byte beyond ASCII', async () => {
      const { dir, a, b, text } = await twoCached();
      const cacheFile = path.join(dir, CACHE_FILE);
      // One character more in a's report (its length is wrong now); then one non-ASCII byte.
      writeFileSync(cacheFile, text.replace('"findings":[]', '"findings":[ ]'), 'latin1');
      expect([hit(dir, a), hit(dir, b)]).toEqual([undefined, undefined]);
      writeFileSync(cacheFile, Buffer.concat([Buffer.from(text.slice(0, -1), 'latin1'), Buffer.from([0xe9, 0x0a])]));
      expect([hit(dir, a), hit(dir, b)]).toEqual([undefined, undefined]);
    });

    it('a garbled report (same length) is a miss for its file only; the next save replaces it', async () => {
      const { dir, a, b, text } = await twoCached();
      const cacheFile = path.join(dir, CACHE_FILE);
      const lines = text.split('\n');
      const aLine = lines.findIndex((line) => line.startsWith('{') && line.includes('a.ipynb'));
      for (const garbled of [lines[aLine]!.replace('{', '['), lines[aLine]!.replace('"path"', '"pat!"'), lines[aLine]!.replace('[]', '{}')]) {
        expect(garbled).toHaveLength(lines[aLine]!.length);
        writeFileSync(cacheFile, lines.map((line, i) => (i === aLine ? garbled : line)).join('\n'), 'latin1');
        const cache = ResultCache.open(dir, '1');
        expect(cache.get(a, statSync(a), defaultConfig())).toBeUndefined();
        expect(cache.get(b, statSync(b), defaultConfig())).toEqual(report(b));
        cache.set(a, statSync(a), defaultConfig(), report(a));
        await cache.save();
        expect(hit(dir, a)).toEqual(report(a));
      }
    });

    it('writes back the reports it read as they were read (asked for or not), and keeps hits and new reports', async () => {
      const cached = await twoCached();
      const { dir, a, b } = cached;
      const cacheFile = path.join(dir, CACHE_FILE);
      // a's report spelled with spaces (its length told): re-encoding it would drop them.
      const lines = cached.text.split('\n');
      const aLine = lines.findIndex((line) => line.startsWith('{') && line.includes('a.ipynb'));
      const spaced = lines[aLine]!.replace('{"path":', '{ "path" : ');
      const entry = JSON.parse(lines[aLine - 1]!) as unknown[];
      lines[aLine - 1] = JSON.stringify([...entry.slice(0, 5), spaced.length]);
      lines[aLine] = spaced;
      const text = lines.join('\n');
      writeFileSync(cacheFile, text, 'latin1');
      const reportLine = (content: string, name: string): string | undefined => content.split('\n').find((line) => line.startsWith('{') && line.includes(name));
      const c = path.join(dir, 'c.ipynb');
      writeFileSync(c, dirtyNotebook());
      age(c);
      const cache = ResultCache.open(dir, '1');
      expect(cache.get(a, statSync(a), defaultConfig())).toEqual(report(a));
      cache.set(c, statSync(c), defaultConfig(), report(c));
      await cache.save();
      const after = readFileSync(cacheFile, 'latin1');
      expect(reportLine(after, 'b.ipynb')).toBe(reportLine(text, 'b.ipynb'));
      expect(reportLine(after, 'a.ipynb')).toBe(spaced);
      expect(reportLine(after, 'c.ipynb')).toBe(JSON.stringify(report(c)));
      expect([hit(dir, a), hit(dir, b), hit(dir, c)]).toEqual([report(a), report(b), report(c)]);
    });
  });

  it('lives in the repository\'s git folder, else node_modules/.cache, else nowhere', () => {
    const repo = gitRepo();
    expect(defaultCacheLocation(path.join(repo))).toBe(path.join(repo, '.git', 'nbguard'));
    const plain = tempDir();
    expect(defaultCacheLocation(plain)).toBeUndefined();
    put(plain, 'node_modules/x', '');
    expect(defaultCacheLocation(plain)).toBe(path.join(plain, 'node_modules', '.cache', 'nbguard'));
  });
});

describe('nbguard check with the result cache', () => {
  it('reports the same the second time, re-checks what changed, and honours --no-cache', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', dirtyNotebook());
    put(repo, 'b.ipynb', dirtyNotebook('import os\n'));
    age(path.join(repo, 'a.ipynb'));
    age(path.join(repo, 'b.ipynb'));
    git(repo, ['status']);
    const first = runCli(['check', '--format', 'json'], { cwd: repo });
    const cacheFile = path.join(repo, '.git', 'nbguard', CACHE_FILE);
    expect(existsSync(cacheFile)).toBe(true);
    const second = runCli(['check', '--format', 'json'], { cwd: repo });
    expect(second.stdout).toBe(first.stdout);
    expect(second.status).toBe(first.status);

    // A source edit with a secret-shaped password: found, although the old report was cached.
    put(repo, 'b.ipynb', dirtyNotebook('password = "Zx9!kq2Lm#4vT8pW"\n'));
    age(path.join(repo, 'b.ipynb'), 10);
    const third = runCli(['check', '--format', 'json'], { cwd: repo });
    expect(third.stdout).toMatch(/"rule": ?"secret"/);
    expect(runCli(['check', '--no-cache', '--format', 'json'], { cwd: repo }).stdout).toBe(third.stdout);

    // A config change re-checks everything under the new settings.
    put(repo, '.nbguardrc.json', JSON.stringify({ rules: { secret: 'off' } }));
    expect(runCli(['check', '--format', 'json'], { cwd: repo }).stdout).not.toMatch(/"rule": ?"secret"/);
    // A garbled cache is ignored.
    writeFileSync(cacheFile, readFileSync(cacheFile).subarray(0, 100));
    expect(runCli(['check', '--format', 'json'], { cwd: repo }).stdout).not.toMatch(/"rule": ?"secret"/);
  });

  it('a SARIF run after a JSON run has the fingerprints of an uncached SARIF run (JSON runs skip content hashes)', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', dirtyNotebook('import os\n'));
    age(path.join(repo, 'a.ipynb'));
    const json = runCli(['check', '--format', 'json'], { cwd: repo });
    expect(json.stdout).not.toContain('sha256:');
    const fingerprints = (stdout: string): unknown[] =>
      (JSON.parse(stdout) as { runs: { results: { partialFingerprints: unknown }[] }[] }).runs[0]!.results.map((result) => result.partialFingerprints);
    const cached = fingerprints(runCli(['check', '--format', 'sarif'], { cwd: repo }).stdout);
    expect(cached.length).toBeGreaterThan(0);
    expect(cached).toEqual(fingerprints(runCli(['check', '--no-cache', '--format', 'sarif'], { cwd: repo }).stdout));
    // …and a JSON run after it still reads the same.
    expect(runCli(['check', '--format', 'json'], { cwd: repo }).stdout).toBe(json.stdout);
  });

  it('keeps the reports of --verbose runs (a finding per cell) apart from the others (summaries)', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', dirtyNotebook());
    age(path.join(repo, 'a.ipynb'));
    const counts = (stdout: string): string[] =>
      (JSON.parse(stdout) as { files: { findings: { rule: string; message: string }[] }[] }).files[0]!.findings.filter((f) => f.rule === 'execution-count').map((f) => f.message);
    const summarized = runCli(['check', '--format', 'json'], { cwd: repo }).stdout;
    expect(counts(summarized)).toEqual(['2 execution counts: strip sets them to null']);
    const verbose = runCli(['check', '--verbose', '--format', 'json'], { cwd: repo }).stdout;
    expect(counts(verbose)).toEqual(['execution count 1: strip sets it to null', 'execution count 2: strip sets it to null']);
    // Each from the cache now, still apart.
    expect(runCli(['check', '--format', 'json'], { cwd: repo }).stdout).toBe(summarized);
    expect(runCli(['check', '--verbose', '--format', 'json'], { cwd: repo }).stdout).toBe(verbose);
  });

  it('deletes the temporary files that writes killed midway left beside it, once an hour old', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', dirtyNotebook());
    age(path.join(repo, 'a.ipynb'));
    const folder = path.join(repo, '.git', 'nbguard');
    mkdirSync(folder, { recursive: true });
    const orphan = path.join(folder, `${CACHE_FILE}.3141592653`);
    const writing = path.join(folder, `${CACHE_FILE}.2718281828`); // a write under way, perhaps
    const unrelated = path.join(folder, 'notes.1234');
    for (const file of [orphan, writing, unrelated]) writeFileSync(file, 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const file of [orphan, unrelated]) utimesSync(file, twoHoursAgo, twoHoursAgo);
    runCli(['check', '--format', 'json'], { cwd: repo });
    expect(existsSync(path.join(folder, CACHE_FILE))).toBe(true);
    expect([existsSync(orphan), existsSync(writing), existsSync(unrelated)]).toEqual([false, true, true]);
  });

  it('--cache-location puts the cache where asked', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', dirtyNotebook());
    age(path.join(repo, 'a.ipynb'));
    const folder = tempDir();
    runCli(['check', '--cache-location', folder], { cwd: repo });
    expect(existsSync(path.join(folder, CACHE_FILE))).toBe(true);
    expect(existsSync(path.join(repo, '.git', 'nbguard'))).toBe(false);
  });
});
