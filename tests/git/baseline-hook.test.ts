import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { git, put, repoWithHook, show } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson } from '../helpers/notebook';
import { checksummed, mixed, Rng } from '../secrets/random';

/** The pre-commit hook honours the repository's `.nbguard-baseline.json`, in a real repository. */
const rng = new Rng(77);
const notebook = (source: string): string => jupyterJson(notebookJson([codeCell(source, { id: 'c' })]));

describe('nbguard hook pre-commit with a baseline', () => {
  it('commits a known secret, blocks a new one, never printing either', () => {
    const repo = repoWithHook();
    const known = `${mixed(rng, 14)}!4`;
    put(repo, 'etl.ipynb', notebook(`DB_PASSWORD = "${known}"\n`));
    git(repo, ['add', 'etl.ipynb']);
    expect(git(repo, ['commit', '-m', 'etl'], { allowFailure: true }).status).not.toBe(0);

    expect(runCli(['baseline'], { cwd: repo }).status).toBe(0);
    git(repo, ['add', '.nbguard-baseline.json', 'etl.ipynb']);
    const accepted = git(repo, ['commit', '-m', 'etl with baseline'], { allowFailure: true });
    expect(accepted.status).toBe(0);
    expect(show(repo, 'HEAD', '.nbguard-baseline.json')).not.toContain(known);

    const fresh = checksummed(rng, 'ghp_');
    put(repo, 'etl.ipynb', notebook(`DB_PASSWORD = "${known}"\nTOKEN = "${fresh}"\n`));
    git(repo, ['add', 'etl.ipynb']);
    const blocked = git(repo, ['commit', '-m', 'new token'], { allowFailure: true });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toMatch(/GitHub personal access token ghp_…\(40 chars\)/);
    expect(blocked.stdout + blocked.stderr).not.toMatch(/Password/);
    expect(blocked.stdout + blocked.stderr).not.toContain(fresh);
    expect(blocked.stdout + blocked.stderr).not.toContain(known);
  });

  it('the advice of a blocked commit works: a hidden-state error (not a secret) recorded with the command it names, then committed', () => {
    const repo = repoWithHook();
    const source = jupyterJson(notebookJson([codeCell('print(undefined_name)\n', { id: 'use', execution_count: 1 })]));
    put(repo, 'sub dir/a.ipynb', source);
    git(repo, ['add', '.']);
    const blocked = git(repo, ['commit', '-m', 'a'], { allowFailure: true });
    expect(blocked.status).toBe(1);
    const advice = /accept findings that are already there: (nbguard baseline .+) at the top of the repository, then git add \.nbguard-baseline\.json/.exec(blocked.stdout + blocked.stderr);
    expect(advice?.[1]).toBe("nbguard baseline 'sub dir/a.ipynb'");
    // Run what it says, as a shell would split it.
    expect(runCli(['baseline', 'sub dir/a.ipynb'], { cwd: repo }).status).toBe(0);
    git(repo, ['add', '.nbguard-baseline.json']);
    expect(git(repo, ['commit', '-m', 'a'], { allowFailure: true }).status).toBe(0);
    // The same name used in a new cell is a new finding: blocked again.
    put(repo, 'sub dir/a.ipynb', jupyterJson(notebookJson([codeCell('print(undefined_name)\n', { id: 'use', execution_count: 1 }), codeCell('print(other_name)\n', { id: 'two', execution_count: 2 })])));
    git(repo, ['add', '.']);
    expect(git(repo, ['commit', '-m', 'b'], { allowFailure: true }).status).toBe(1);
  });

  it('a notebook it cannot read is never offered to the baseline', () => {
    const repo = repoWithHook();
    put(repo, 'broken.ipynb', '{"cells": [');
    git(repo, ['add', '.']);
    const blocked = git(repo, ['commit', '-m', 'a'], { allowFailure: true });
    expect(blocked.status).toBe(1);
    expect(blocked.stdout + blocked.stderr).toMatch(/invalid-notebook/);
    expect(blocked.stdout + blocked.stderr).not.toMatch(/baseline/);
  });

  it('stops with a one-line reason when the baseline is not one', () => {
    const repo = repoWithHook();
    writeFileSync(path.join(repo, '.nbguard-baseline.json'), '{"version": 1}');
    put(repo, 'a.ipynb', notebook('x = 1\n'));
    git(repo, ['add', 'a.ipynb']);
    const result = git(repo, ['commit', '-m', 'a'], { allowFailure: true });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/nbguard: \.nbguard-baseline\.json: not a baseline: \(root\): must have required property 'findings'/);
  });
});
