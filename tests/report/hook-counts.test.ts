import { git, put, repoWithHook, cleanNotebook, dirtyNotebook } from '../helpers/git';

/**
 * Issue 16: the hook's counts include the staged notebooks that are clean. With three staged
 * notebooks of which one has a problem, the report said "in the staged 1 notebook … in 1 of 1
 * file checked". Real repositories, real git, the installed hook.
 */
describe('the hook report counts every staged notebook it checked', () => {
  it('blocked: the problem is in 1 of 3 staged notebooks, 1 of 3 files checked', () => {
    const repo = repoWithHook();
    put(repo, 'a.ipynb', dirtyNotebook('print(undefined_name)\n')); // hidden state: blocks
    put(repo, 'b.ipynb', cleanNotebook());
    put(repo, 'c.ipynb', dirtyNotebook());
    git(repo, ['add', '.']);
    const result = git(repo, ['commit', '-m', 'x'], { allowFailure: true });
    expect(result.status).toBe(1);
    const report = result.stdout + result.stderr;
    expect(report).toMatch(/^nbguard: commit blocked: 1 problem in 1 of 3 staged notebooks$/m);
    expect(report).toMatch(/^✖ 1 problem \(1 error, 0 warnings\) in 1 of 3 files checked$/m);
    expect(report).not.toMatch(/staged 1 notebook|of 1 file/);
  });

  it('committed: stripped 2 of 3 staged notebooks; warnings counted over all 3', () => {
    const repo = repoWithHook();
    put(repo, 'a.ipynb', dirtyNotebook());
    put(repo, 'b.ipynb', cleanNotebook());
    put(repo, 'c.ipynb', dirtyNotebook());
    git(repo, ['add', '.']);
    const result = git(repo, ['commit', '-m', 'x'], { allowFailure: true });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^nbguard: stripped 2 of 3 staged notebooks; your working copy keeps its outputs:$/m);
  });

  it('all of them: no "of"', () => {
    const repo = repoWithHook();
    put(repo, 'a.ipynb', dirtyNotebook());
    git(repo, ['add', '.']);
    const result = git(repo, ['commit', '-m', 'x'], { allowFailure: true });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^nbguard: stripped 1 staged notebook; your working copy keeps its outputs:$/m);
  });
});
