import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkFile } from '../../src/run/check';
import { defaultConfig } from '../../src/config/config';
import { formatGithub } from '../../src/report/github';
import { formatPretty } from '../../src/report/pretty';
import { describeStripFindings } from '../../src/report/strip-summary';
import type { JsonObject } from '../../src/notebook/json';
import { runCli } from '../helpers/cli';
import { codeCell, jupyterJson, notebookJson, resultOutput, streamOutput, tempDir } from '../helpers/notebook';
import { checksummed, Rng } from '../secrets/random';

/**
 * Issue 16, "output that leads with what matters": what `nbguard strip` fixes is one line per
 * notebook, the findings a person must act on come first, and `--verbose` keeps one line per
 * cell. JSON and SARIF have one finding per notebook and kind with `count` and `cells` (issue 24:
 * 15,400 of the corpus's 17,300 findings were one per cell), or one per cell with `--verbose`.
 * Real notebooks through the real rules.
 */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const traceback = (ename: string): JsonObject => ({ output_type: 'error', ename, evalue: 'x', traceback: [`${ename}: x`] });
const frame = resultOutput({ 'text/plain': ['   a  b\n0  1  2'], 'text/html': ['<div><table class="dataframe"><thead><tr><th></th><th>a</th><th>b</th></tr></thead><tbody><tr><th>0</th><td>1</td><td>2</td></tr></tbody></table></div>'] }, 3);

/** Four code cells with counts: a printed line, two tracebacks, an image, a data frame. */
function dirtyCells(): JsonObject[] {
  return [
    codeCell('print("hi")\n', { execution_count: 1, outputs: [streamOutput('hi\n')] }),
    codeCell('f()\n', { execution_count: 2, outputs: [traceback('ValueError'), traceback('KeyError')] }),
    codeCell('plot()\n', { execution_count: 4, outputs: [{ output_type: 'display_data', data: { 'image/png': PNG, 'text/plain': ['<Figure>'] }, metadata: {} }] }),
    codeCell('df\n', { execution_count: 5, outputs: [frame] }),
  ];
}

function write(dir: string, name: string, cells: JsonObject[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, jupyterJson(notebookJson(cells)));
  return file;
}

describe('what strip fixes, said once per notebook', () => {
  it('counts outputs (with images, data frames and tracebacks among them), execution counts and metadata keys', () => {
    const dir = tempDir('nbguard-strip-summary-');
    const file = write(dir, 'a.ipynb', [...dirtyCells(), codeCell('x = 1\n', { metadata: { collapsed: true } })]);
    const report = checkFile(file, defaultConfig());
    expect(describeStripFindings(report.findings)).toBe('5 outputs (1 image, 1 DataFrame, 2 tracebacks), 4 execution counts, 1 metadata key');
  });

  it('pretty: act-on findings first, one strip line per notebook, per-cell detail only with --verbose', () => {
    const dir = tempDir('nbguard-strip-summary-');
    const token = checksummed(new Rng(16), 'ghp_'); // fake, built at test time
    write(dir, 'a.ipynb', [codeCell(`TOKEN = "${token}"\n`), ...dirtyCells()]);
    write(dir, 'b.ipynb', dirtyCells());
    const result = runCli(['check', '.'], { cwd: dir });
    expect(result.status).toBe(1);
    const lines = result.stdout.split('\n');
    const secretAt = lines.findIndex((line) => /a\.ipynb:\d+:\d+ +cell 1 +error +secret /.test(line));
    const stripLines = lines.filter((line) => /— `nbguard strip` removes them$/.test(line));
    expect(secretAt).toBeGreaterThan(-1);
    expect(stripLines).toEqual([
      'a.ipynb: 5 outputs (1 image, 1 DataFrame, 2 tracebacks), 4 execution counts — `nbguard strip` removes them',
      'b.ipynb: 5 outputs (1 image, 1 DataFrame, 2 tracebacks), 4 execution counts — `nbguard strip` removes them',
    ]);
    expect(secretAt).toBeLessThan(lines.indexOf(stripLines[0]!));
    expect(result.stdout).not.toMatch(/strip sets it to null|strip removes (it|them)$/m);
    expect(result.stdout).not.toContain(token);

    const verbose = runCli(['check', '--verbose', '.'], { cwd: dir });
    expect(verbose.status).toBe(1);
    expect(verbose.stdout.match(/execution count \d+: strip sets it to null/g)).toHaveLength(8);
    expect(verbose.stdout).not.toMatch(/— `nbguard strip` removes them/);
    // JSON: one finding per notebook and kind, with what it stands for; one per cell with --verbose.
    type Json = { files: { path: string; findings: { rule: string; messageId: string; message: string; cell: number; count?: number; cells?: number[] }[] }[]; summary: { errors: number } };
    const json = JSON.parse(runCli(['check', '--format', 'json', '.'], { cwd: dir }).stdout) as Json;
    const counts = json.files.flatMap((f) => f.findings).filter((f) => f.rule === 'execution-count');
    expect(counts).toEqual([
      expect.objectContaining({ messageId: 'counts', message: '4 execution counts: strip sets them to null', cell: 2, count: 4, cells: [2, 3, 4, 5] }),
      expect.objectContaining({ messageId: 'counts', message: '4 execution counts: strip sets them to null', cell: 1, count: 4, cells: [1, 2, 3, 4] }),
    ]);
    const outputs = json.files.flatMap((f) => f.findings).filter((f) => f.rule === 'outputs');
    const removed = '5 outputs (stream stdout, error ValueError, error KeyError, image/png, text/html) in 4 cells: strip removes them';
    expect(outputs.map((f) => [f.message, f.count, f.cells])).toEqual([
      [removed, 4, [2, 3, 4, 5]],
      [removed, 4, [1, 2, 3, 4]],
    ]);
    const perCell = JSON.parse(runCli(['check', '--verbose', '--format', 'json', '.'], { cwd: dir }).stdout) as Json;
    expect(perCell.files.flatMap((f) => f.findings).filter((f) => f.rule === 'execution-count')).toHaveLength(8);
    expect(perCell.files.flatMap((f) => f.findings).every((f) => f.count === undefined && f.cells === undefined)).toBe(true);
    // The same problems counted either way.
    expect(json.summary.errors).toBe(perCell.summary.errors);
  });

  it('pretty summary counts every problem, those a summary stands for included', () => {
    const dir = tempDir('nbguard-strip-summary-');
    const file = write(dir, 'b.ipynb', dirtyCells());
    const report = checkFile(file, defaultConfig());
    const perCell = checkFile(file, defaultConfig(), true, true);
    expect(report.findings.length).toBeLessThan(perCell.findings.length);
    const out = formatPretty([report], { color: false });
    expect(out).toMatch(new RegExp(`✖ ${perCell.findings.length} problems`));
    expect(out).toMatch(/^ {2}execution-count +4 +0 +fixes 4$/m);
    expect(out).toMatch(/^ {2}outputs +4 +0 +fixes 4$/m);
    expect(formatPretty([perCell], { color: false })).toBe(out);
  });

  it('github: secrets first, then hidden state, then the rest; strip-only findings one notice per notebook', () => {
    const dir = tempDir('nbguard-strip-summary-');
    const token = checksummed(new Rng(17), 'ghp_');
    // An out-of-order warning and a hidden-state error come before the secret in the file.
    write(dir, 'a.ipynb', [
      codeCell('print(undefined_name)\n', { execution_count: 3, outputs: [streamOutput('1\n')] }),
      codeCell('y = 2\n', { execution_count: 1 }),
      codeCell(`TOKEN = "${token}"\n`),
    ]);
    write(dir, 'b.ipynb', dirtyCells());
    const reports = ['a.ipynb', 'b.ipynb'].map((name) => ({ ...checkFile(path.join(dir, name), defaultConfig()), path: name }));
    const lines = formatGithub(reports, { cwd: dir, root: dir }).trim().split('\n');
    const titles = lines.map((line) => /^::(\w+) [^:]*title=nbguard ([a-z-]+)::/.exec(line)?.slice(1, 3).join(' ') ?? line.slice(0, 40));
    expect(titles[0]).toBe('error secret');
    expect(titles[1]).toBe('error hidden-state');
    expect(titles.filter((t) => t === 'notice strip')).toHaveLength(2);
    // Notices come after every annotation a person must act on, before the summary line.
    const firstNotice = titles.indexOf('notice strip');
    expect(titles.slice(firstNotice, -1).every((t) => t === 'notice strip')).toBe(true);
    expect(lines.some((line) => /strip sets it to null/.test(line))).toBe(false);
    expect(lines[lines.length - 1]).toMatch(/^nbguard: \d+ errors? and \d+ warnings? in 2 of 2 notebooks$/);
  });
});
