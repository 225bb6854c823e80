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
