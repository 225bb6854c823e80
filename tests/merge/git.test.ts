import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JsonObject } from '../../src/notebook/json';
import { git, gitRepo, nbguard, nbguardShim, put, show, withoutNbguardOnPath, type Run } from '../helpers/git';
import { codeCell, jupyterJson, markdownCell, notebookJson, parse, resultOutput, tempDir } from '../helpers/notebook';

/**
 * The merge driver under real git: `nbguard install --merge` in a temporary repository, then
 * merges, rebases, cherry-picks and stash pops of notebooks edited on two branches.
 */

const NOTEBOOK = 'analysis.ipynb';

interface Sources {
  a?: string;
  b?: string;
  c?: string;
}

function cells(sources: Sources = {}): JsonObject[] {
  return [
    codeCell(sources.a ?? 'import pandas as pd\n', { id: 'a' }),
    codeCell(sources.b ?? 'df = pd.read_csv("data.csv")\n', { id: 'b' }),
    markdownCell(sources.c ?? '## Results\n', { id: 'c' }),
  ];
}
const notebook = (list: JsonObject[]): string => jupyterJson(notebookJson(list));

/** A repository with the driver installed (through a local `node_modules/.bin/nbguard`) and `base` committed on main. */
function repoWithDriver(base: string): string {
  const repo = gitRepo('nbguard-merge-');
  nbguardShim(path.join(repo, 'node_modules', '.bin'));
  writeFileSync(path.join(repo, '.git', 'info', 'exclude'), 'node_modules/\n');
  const install = nbguard(repo, ['install', '--merge']);
  expect(install.status).toBe(0);
  put(repo, NOTEBOOK, base);
  git(repo, ['add', NOTEBOOK]);
  git(repo, ['commit', '-q', '--no-verify', '-m', 'base']);
  return repo;
}

function commit(repo: string, text: string, message: string): void {
  put(repo, NOTEBOOK, text);
  git(repo, ['commit', '-q', '--no-verify', '-am', message]);
}

/** Commits `theirs` on branch `feature` and `ours` on main, and leaves main checked out. */
function diverge(repo: string, ours: string, theirs: string): void {
  git(repo, ['checkout', '-q', '-b', 'feature']);
  commit(repo, theirs, 'theirs');
  git(repo, ['checkout', '-q', 'main']);
  commit(repo, ours, 'ours');
}

const mergeFeature = (repo: string): Run => git(repo, ['merge', '--no-edit', 'feature'], { allowFailure: true });
const working = (repo: string): string => readFileSync(path.join(repo, NOTEBOOK), 'utf8');
const sourcesOf = (text: string): string[] => parse(text).cells.map((cell) => cell.source);

/** The exact text of cell `index` (found through the position map). */
function cellText(text: string, index: number): string {
  const range = parse(text).positions.range(['cells', index])!;
  return text.slice(range.start, range.end);
}

/** What git alone makes of the three versions (`git merge-file`), and whether it conflicts. */
function plainGitMerge(base: string, ours: string, theirs: string): { text: string; conflicted: boolean } {
  const dir = tempDir('nbguard-merge-file-');
  const files = ['ours', 'base', 'theirs'].map((name) => path.join(dir, name));
  [ours, base, theirs].forEach((text, i) => writeFileSync(files[i]!, text));
  const run = git(dir, ['merge-file', '-L', 'ours', '-L', 'base', '-L', 'theirs', ...files], { allowFailure: true });
  return { text: readFileSync(files[0]!, 'utf8'), conflicted: run.status !== 0 };
}

const base = notebook(cells());
const oursEdit = notebook(cells({ a: 'import pandas as pd\nimport numpy as np\n' }));
const theirsEdit = notebook(cells({ b: 'df = pd.read_csv("data.csv", sep=";")\n' }));
const bothEdits = ['import pandas as pd\nimport numpy as np\n', 'df = pd.read_csv("data.csv", sep=";")\n', '## Results\n'];

/** Each side edits a different cell and appends a cell: git alone conflicts on the appended cells. */
const oursAppend = notebook([...cells({ a: 'import pandas as pd\nimport numpy as np\n' }), codeCell('df.head()\n', { id: 'o' })]);
const theirsAppend = notebook([...cells({ b: 'df = pd.read_csv("data.csv", sep=";")\n' }), codeCell('df.plot()\n', { id: 't' })]);
const bothAppended = [...bothEdits, 'df.head()\n', 'df.plot()\n'];

describe('nbguard merge as a git merge driver', () => {
  it('merges edits to different cells and cells appended by both cleanly where git alone conflicts', () => {
    expect(plainGitMerge(base, oursAppend, theirsAppend).conflicted).toBe(true);
    const repo = repoWithDriver(base);
    diverge(repo, oursAppend, theirsAppend);
    const run = mergeFeature(repo);
    expect(run.status).toBe(0);
    const text = working(repo);
    expect(sourcesOf(text)).toEqual(bothAppended);
    // Untouched cells (and ours' edited one) are ours' bytes; the whole is what Jupyter would write.
    for (const index of [0, 2, 3]) expect(cellText(text, index)).toBe(cellText(oursAppend, index));
    expect(text).toBe(notebook([...cells({ a: 'import pandas as pd\nimport numpy as np\n', b: 'df = pd.read_csv("data.csv", sep=";")\n' }), codeCell('df.head()\n', { id: 'o' }), codeCell('df.plot()\n', { id: 't' })]));
    expect(show(repo, 'HEAD', NOTEBOOK)).toBe(text);
  });

  it('stops on the same cell edited on both sides, with markers inside that cell only, and check reports it', () => {
    const repo = repoWithDriver(base);
    diverge(repo, notebook(cells({ b: 'df = pd.read_parquet("data.parquet")\n' })), theirsEdit);
    const run = mergeFeature(repo);
    expect(run.status).toBe(1);
    expect(git(repo, ['ls-files', '-u', '--', NOTEBOOK]).stdout).not.toBe('');
    const text = working(repo);
    const [a, b, c] = sourcesOf(text);
    expect([a, c]).toEqual(['import pandas as pd\n', '## Results\n']);
    expect(b).toBe('<<<<<<< ours\ndf = pd.read_parquet("data.parquet")\n=======\ndf = pd.read_csv("data.csv", sep=";")\n>>>>>>> theirs\n');
    const check = nbguard(repo, ['check', '--format', 'json', NOTEBOOK]);
    expect(check.status).toBe(1);
    const findings = (JSON.parse(check.stdout) as { files: { findings: { rule: string; cell: number; line: number }[] }[] }).files.flatMap((file) => file.findings);
    expect(findings.filter((finding) => finding.rule === 'merge-conflict')).toEqual([expect.objectContaining({ cell: 2, line: 1 })]);
  });

  it.each([
    ['rebase', (repo: string) => git(repo, ['rebase', 'main'], { allowFailure: true })],
    ['cherry-pick', (repo: string) => git(repo, ['cherry-pick', 'main'], { allowFailure: true })],
  ])('merges cleanly under git %s', (command, run) => {
    const repo = repoWithDriver(base);
    diverge(repo, oursEdit, theirsEdit);
    git(repo, ['checkout', '-q', 'feature']);
    const result = run(repo);
    expect(`${command}: ${result.status}`).toBe(`${command}: 0`);
    expect(sourcesOf(working(repo))).toEqual(bothEdits);
    expect(git(repo, ['status', '--porcelain', '--', NOTEBOOK]).stdout).toBe('');
  });

  it('merges cleanly under git stash pop', () => {
    const repo = repoWithDriver(base);
    put(repo, NOTEBOOK, theirsEdit);
    git(repo, ['stash', '-q']);
    commit(repo, oursEdit, 'ours');
    const pop = git(repo, ['stash', 'pop'], { allowFailure: true });
    expect(pop.status).toBe(0);
    expect(sourcesOf(working(repo))).toEqual(bothEdits);
  });

  it.each<[string, JsonObject[], JsonObject[], string[], number]>([
    [
      'insert/insert at one place (both kept, ours first)',
      [...cells().slice(0, 1), codeCell('ours_cell()\n', { id: 'o' }), ...cells().slice(1)],
      [...cells().slice(0, 1), codeCell('theirs_cell()\n', { id: 't' }), ...cells().slice(1)],
      ['import pandas as pd\n', 'ours_cell()\n', 'theirs_cell()\n', 'df = pd.read_csv("data.csv")\n', '## Results\n'],
      0,
    ],
    [
      'delete/edit (the edited cell kept, marked)',
      [cells()[0]!, cells()[2]!],
      cells({ b: 'df = pd.read_csv("other.csv")\n' }),
      ['import pandas as pd\n', '<<<<<<< ours (ours deleted this cell)\n=======\ndf = pd.read_csv("other.csv")\n>>>>>>> theirs\n', '## Results\n'],
      1,
    ],
    [
      'move/edit',
      [cells()[2]!, cells()[0]!, cells()[1]!],
      cells({ b: 'df = pd.read_csv("data.csv", sep=";")\n' }),
      ['## Results\n', 'import pandas as pd\n', 'df = pd.read_csv("data.csv", sep=";")\n'],
      0,
    ],
  ])('%s', (_name, ours, theirs, expected, status) => {
    const repo = repoWithDriver(base);
    diverge(repo, notebook(ours), notebook(theirs));
    expect(mergeFeature(repo).status).toBe(status);
    expect(sourcesOf(working(repo))).toEqual(expected);
  });

  it('merges differences in outputs only cleanly, each cell keeping the outputs of the side that ran it', () => {
    const ran = (id: 'a' | 'b', count: number): JsonObject[] =>
      cells().map((cell) => (cell['id'] === id ? { ...cell, execution_count: count, outputs: [resultOutput({ 'text/plain': [`run ${count}`] }, count)] } : cell));
    const repo = repoWithDriver(base);
    diverge(repo, notebook(ran('a', 1)), notebook(ran('b', 2)));
    expect(mergeFeature(repo).status).toBe(0);
    const merged = JSON.parse(working(repo)) as { cells: JsonObject[] };
    expect(merged.cells.map((cell) => cell['execution_count'] ?? null)).toEqual([1, 2, null]);
  });

  it('merges a notebook without cell ids (nbformat 4.4) by content', () => {
    const withoutIds = (list: JsonObject[]): string =>
      jupyterJson({ ...notebookJson(list.map(({ id: _id, ...cell }) => cell)), nbformat_minor: 4 });
    const repo = repoWithDriver(withoutIds(cells()));
    diverge(repo, withoutIds(cells({ a: 'import pandas as pd\nimport numpy as np\n' })), withoutIds(cells({ b: 'df = pd.read_csv("data.csv", sep=";")\n' })));
    expect(mergeFeature(repo).status).toBe(0);
    expect(sourcesOf(working(repo))).toEqual(bothEdits);
  });

  it('keeps CRLF line ends', () => {
    const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
    const repo = repoWithDriver(crlf(base));
    const theirs = crlf(notebook([...cells({ b: 'df = pd.read_csv("data.csv", sep=";")\n' }), codeCell('df.describe()\n', { id: 'd' })]));
    diverge(repo, crlf(oursEdit), theirs);
    expect(mergeFeature(repo).status).toBe(0);
    const text = working(repo);
    expect(sourcesOf(text)).toEqual([...bothEdits, 'df.describe()\n']);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('leaves git\'s own line merge and exits 2 when one side is not a notebook', () => {
    const broken = oursEdit.replace('"cells": [', '"cells": [[');
    const repo = repoWithDriver(base);
    diverge(repo, broken, theirsEdit);
    const run = mergeFeature(repo);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/nbguard merge: analysis\.ipynb: ours is not a notebook nbguard can merge \(invalid JSON/);
    expect(working(repo)).toBe(plainGitMerge(base, broken, theirsEdit).text);
  });

  it('redoes a merge that stopped with raw markers from the index (--from-index)', () => {
    const repo = gitRepo('nbguard-merge-');
    put(repo, NOTEBOOK, base);
    git(repo, ['add', NOTEBOOK]);
    git(repo, ['commit', '-q', '-m', 'base']);
    diverge(repo, oursAppend, theirsAppend);
    expect(mergeFeature(repo).status).toBe(1);
    expect(() => JSON.parse(working(repo))).toThrow();
    const redo = nbguard(repo, ['merge', '--from-index', NOTEBOOK]);
    expect(redo.status).toBe(0);
    expect(redo.stderr).toContain('merged cleanly');
    expect(sourcesOf(working(repo))).toEqual(bothAppended);
    expect(nbguard(repo, ['merge', '--from-index', 'other.ipynb']).status).toBe(2);
  });

  it('redoes an add/add conflict (no base stage) from a subfolder, both sides\' cells kept', () => {
    const repo = gitRepo('nbguard-merge-');
    put(repo, 'README.md', 'readme\n');
    git(repo, ['add', 'README.md']);
    git(repo, ['commit', '-q', '-m', 'init']);
    const file = 'notebooks/new.ipynb';
    git(repo, ['checkout', '-q', '-b', 'feature']);
    put(repo, file, notebook([codeCell('shared()\n', { id: 's' }), codeCell('theirs()\n', { id: 't' })]));
    git(repo, ['add', file]);
    git(repo, ['commit', '-q', '-m', 'theirs']);
    git(repo, ['checkout', '-q', 'main']);
    put(repo, file, notebook([codeCell('shared()\n', { id: 's' }), codeCell('ours()\n', { id: 'o' })]));
    git(repo, ['add', file]);
    git(repo, ['commit', '-q', '-m', 'ours']);
    expect(mergeFeature(repo).status).toBe(1);
    const redo = nbguard(path.join(repo, 'notebooks'), ['merge', '--from-index', 'new.ipynb']);
    expect(redo.status).toBe(0);
    expect(sourcesOf(readFileSync(path.join(repo, file), 'utf8'))).toEqual(['shared()\n', 'ours()\n', 'theirs()\n']);
  });
});

describe('nbguard install --merge', () => {
  it('sets the driver and the attribute, status shows them, uninstall removes them', () => {
    const repo = gitRepo('nbguard-merge-install-');
    nbguardShim(path.join(repo, 'node_modules', '.bin'));
    const attributes = path.join(repo, '.git', 'info', 'attributes');
    expect(nbguard(repo, ['install', '--merge']).status).toBe(0);
    expect(git(repo, ['config', '--get', 'merge.nbguard.driver']).stdout.trim()).toMatch(/^sh -c '.*exec \.\/node_modules\/\.bin\/nbguard "\$@".*exec git merge-file .*' nbguard merge %O %A %B %P$/);
    expect(readFileSync(attributes, 'utf8')).toContain('*.ipynb merge=nbguard\n');
    const status = nbguard(repo, ['status']);
    expect(status.stdout).toContain('merge driver:     nbguard merge %O %A %B %P (git merge-file when nbguard cannot start)');
    expect(status.stdout).toContain('*.ipynb merge:    nbguard');
    expect(nbguard(repo, ['install', '--merge']).stdout).toContain('already present: `*.ipynb merge=nbguard`');
    const removed = nbguard(repo, ['uninstall']);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain('removed the merge driver');
    expect(git(repo, ['config', '--get', 'merge.nbguard.driver'], { allowFailure: true }).status).toBe(1);
    expect(readFileSync(attributes, 'utf8')).not.toContain('merge=nbguard');
    expect(nbguard(repo, ['status']).stdout).toContain('merge driver:     not configured');
  });

  it('merges as git alone would when nbguard cannot start (node_modules gone), and says why', () => {
    const repo = repoWithDriver(base);
    diverge(repo, oursEdit, theirsEdit);
    rmSync(path.join(repo, 'node_modules'), { recursive: true });
    const noNbguard = withoutNbguardOnPath();
    const merged = git(repo, ['merge', '--no-edit', 'feature'], { allowFailure: true, env: noNbguard });
    expect(merged.stderr).toMatch(/cannot start nbguard .*notebooks merge line by line, as git does alone/);
    const alone = plainGitMerge(base, oursEdit, theirsEdit);
    expect(merged.status !== 0).toBe(alone.conflicted);
    if (!alone.conflicted) expect(working(repo)).toBe(alone.text);
  });

  it('writes the attribute to --attributes FILE', () => {
    const repo = gitRepo('nbguard-merge-install-');
    expect(nbguard(repo, ['install', '--merge', '--attributes', '.gitattributes']).status).toBe(0);
    expect(readFileSync(path.join(repo, '.gitattributes'), 'utf8')).toBe('*.ipynb merge=nbguard\n');
    expect(git(repo, ['check-attr', 'merge', '--', 'x.ipynb']).stdout).toBe('x.ipynb: merge: nbguard\n');
  });
});
