import path from 'node:path';
import { cleanNotebook, dirtyNotebook, git, gitRepo, nbguard, nbguardShim, put, show } from '../helpers/git';

/** A repository set up with `nbguard install --filter`, one commit made. */
function filteredRepo(): string {
  const repo = gitRepo();
  nbguardShim(path.join(repo, 'node_modules', '.bin'));
  put(repo, '.gitignore', 'node_modules/\n');
  expect(nbguard(repo, ['install', '--filter']).status).toBe(0);
  put(repo, 'README.md', 'x\n');
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '--no-verify', '-m', 'init']);
  return repo;
}

describe('the diff driver shows what is staged', () => {
  it('git diff --cached shows no outputs the clean filter removed, though git hands textconv the working file', () => {
    const repo = filteredRepo();
    put(repo, 'a.ipynb', dirtyNotebook());
    git(repo, ['add', 'a.ipynb']);
    expect(show(repo, '', 'a.ipynb')).toBe(cleanNotebook()); // the staged blob has no outputs
    const diff = git(repo, ['diff', '--cached', '--', 'a.ipynb']).stdout;
    expect(diff).toMatch(/^\+print\("hello"\)$/m); // the source is shown
    expect(diff).not.toMatch(/stream stdout|hello\\n|text\/plain/); // the outputs are not: they are not staged
  });

  it('a committed blob is shown as it is (outputs committed before the filter stay visible in git log -p)', () => {
    const repo = filteredRepo();
    git(repo, ['config', '--unset', 'filter.nbguard.process']);
    git(repo, ['config', '--unset', 'filter.nbguard.clean']);
    put(repo, 'old.ipynb', dirtyNotebook());
    git(repo, ['add', 'old.ipynb']);
    git(repo, ['commit', '-q', '--no-verify', '-m', 'outputs committed without the filter']);
    const log = git(repo, ['log', '-p', '-1', '--', 'old.ipynb']).stdout;
    expect(log).toMatch(/stream stdout/);
  });
});
