import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeScript, runsForSure } from '../../src/install/shell-script';
import { isNbguardCommand } from '../../src/install/husky';
import { cleanNotebook, dirtyNotebook, git, gitEnv, gitRepo, nbguard, nbguardShim, put, show } from '../helpers/git';
import { tempDir } from '../helpers/notebook';

const PROJECT = path.resolve(__dirname, '..', '..', '..');
const HUSKY = path.join(PROJECT, 'node_modules', 'husky', 'bin.js');
const describeIfHusky = existsSync(HUSKY) ? describe : describe.skip;

/** A repository with nbguard installed locally and a first commit; husky not yet set up. */
function projectRepo(): string {
  const repo = gitRepo();
  nbguardShim(path.join(repo, 'node_modules', '.bin'));
  put(repo, '.gitignore', 'node_modules/\n');
  put(repo, 'package.json', '{"name": "demo", "private": true}\n');
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '-m', 'init']);
  return repo;
}

function runHusky(repo: string): void {
  const husky = spawnSync(process.execPath, [HUSKY], { cwd: repo, env: gitEnv(HUSKY_ENV), encoding: 'utf8' });
  expect(husky.status).toBe(0);
}

/**
 * husky's hook sources the user's `~/.config/husky/init.sh` (and obeys HUSKY=0): a developer's
 * own setting must not decide whether these tests' hooks run.
 */
const HUSKY_ENV: NodeJS.ProcessEnv = { XDG_CONFIG_HOME: tempDir('nbguard-xdg-'), HUSKY: undefined };

function commitDirty(repo: string, name: string) {
  put(repo, name, dirtyNotebook());
  git(repo, ['add', name]);
  return git(repo, ['commit', '-m', name], { allowFailure: true, env: HUSKY_ENV });
}

const huskyFile = (repo: string): string => path.join(repo, '.husky', 'pre-commit');

describeIfHusky('husky: nbguard runs on a line the script reaches', () => {
  it.each([
    ['exit 0', 'npx lint-staged\nexit 0\n'],
    ['exec …', 'exec npx --no-install lint-staged\n'],
    ['a terminating command after `;`', 'echo checking; exit 0\n'],
  ])('inserts before %s, and the commit is stripped', (_, script) => {
    const repo = projectRepo();
    runHusky(repo);
    put(repo, '.husky/pre-commit', script.replace(/npx (--no-install )?lint-staged/, 'true'));
    const result = nbguard(repo, ['install']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/before line \d+ \(`.*`\), which ends the script/);
    const lines = readFileSync(huskyFile(repo), 'utf8').split('\n');
    const ours = lines.findIndex((line) => line.startsWith('nbguard hook pre-commit'));
    const end = lines.findIndex((line) => /(^|; )(exit|exec) /.test(line));
    expect(ours).toBeGreaterThanOrEqual(0);
    expect(ours).toBeLessThan(end);
    expect(nbguard(repo, ['status'], HUSKY_ENV).stdout).toMatch(/\.husky\/pre-commit runs nbguard/);
    expect(nbguard(repo, ['status'], HUSKY_ENV).stdout).not.toMatch(/WARNING/);
    expect(commitDirty(repo, 'a.ipynb').status).toBe(0);
    expect(show(repo, 'HEAD', 'a.ipynb')).toBe(cleanNotebook()); // nbguard really ran
  });

  it('status says when the nbguard line is never reached, and install moves it', () => {
    const repo = projectRepo();
    runHusky(repo);
    put(repo, '.husky/pre-commit', 'exit 0\nnbguard hook pre-commit # nbguard-managed\n'); // what an older install wrote
    expect(nbguard(repo, ['status']).stdout).toMatch(/does NOT run nbguard: line 1 ends the script before line 2 is reached/);
    const result = nbguard(repo, ['install']);
    expect(result.stdout).toMatch(/moved from where the script never reached it/);
    expect(readFileSync(huskyFile(repo), 'utf8')).toBe('nbguard hook pre-commit # nbguard-managed\nexit 0\n');
    expect(nbguard(repo, ['status']).stdout).toMatch(/runs nbguard/);
  });

  it('status warns when husky itself is switched off (HUSKY=0 in the environment or in husky\'s init.sh)', () => {
    const repo = projectRepo();
    runHusky(repo);
    expect(nbguard(repo, ['install']).status).toBe(0);
    expect(nbguard(repo, ['status'], { ...HUSKY_ENV, HUSKY: '0' }).stdout).toMatch(/WARNING: +HUSKY=0 is set here: husky runs no hook, nbguard included/);
    const xdg = tempDir('nbguard-xdg-');
    put(xdg, 'husky/init.sh', 'export HUSKY=0\n');
    expect(nbguard(repo, ['status'], { XDG_CONFIG_HOME: xdg, HUSKY: undefined }).stdout).toMatch(/init\.sh sets HUSKY=0: husky runs no hook for you/);
  });

  it('refuses a script it cannot follow, changing nothing', () => {
    const repo = projectRepo();
    runHusky(repo);
    const script = 'cat <<EOF\nexit 0\nEOF\n';
    put(repo, '.husky/pre-commit', script);
    const result = nbguard(repo, ['install']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/cannot tell which lines of \.husky\/pre-commit always run \(line 1: a here-document\); nothing changed/);
    expect(readFileSync(huskyFile(repo), 'utf8')).toBe(script);
    expect(nbguard(repo, ['status']).stdout).toMatch(/cannot tell whether it runs nbguard/);
  });

  it('nbguard install before husky: refused while .husky is there but unused; status warns about the bypassed hook', () => {
    const repo = projectRepo();
    // nbguard installed first, into .git/hooks …
    expect(nbguard(repo, ['install']).status).toBe(0);
    // … then husky takes over: git now runs .husky/_ and never .git/hooks.
    runHusky(repo);
    const status = nbguard(repo, ['status']).stdout;
    expect(status).toMatch(/WARNING: +\.git\/hooks\/pre-commit is nbguard's hook, but git does NOT run it: core\.hooksPath = \.husky\/_/);
    expect(status).toMatch(/\.husky\/pre-commit does not (exist|run nbguard)/);
    const installed = nbguard(repo, ['install']);
    expect(installed.stdout).toMatch(/added `nbguard hook pre-commit` to \.husky\/pre-commit/);
    expect(installed.stdout).toMatch(/removed \.git\/hooks\/pre-commit \(git no longer runs hooks from there\)/);
    expect(nbguard(repo, ['status'], HUSKY_ENV).stdout).not.toMatch(/WARNING/);

    // A clone where .husky is committed but husky has not run yet (core.hooksPath unset).
    const fresh = projectRepo();
    put(fresh, '.husky/pre-commit', 'echo team hook\n');
    const refused = nbguard(fresh, ['install']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/has a \.husky folder but git does not use it yet \(core\.hooksPath is not set\); nothing changed/);
    expect(refused.stdout).toMatch(/Run `npx husky` \(or `npm install`\) first/);
    expect(existsSync(path.join(fresh, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(nbguard(fresh, ['status']).stdout).toMatch(/WARNING: +\.husky exists but core\.hooksPath is not set/);
  });
});

describe('core.hooksPath from outside the repository', () => {
  it('install refuses to write into a hooks folder set by the global config (every repository would run it)', () => {
    const repo = gitRepo();
    const shared = path.join(repo, '..', `${path.basename(repo)}-global-hooks`);
    const globalConfig = path.join(repo, '..', `${path.basename(repo)}-gitconfig`);
    put(path.dirname(globalConfig), path.basename(globalConfig), `[core]\n\thooksPath = ${shared}\n`);
    const result = nbguard(repo, ['install'], { GIT_CONFIG_GLOBAL: globalConfig });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/core\.hooksPath is set in your global git config .*runs in every repository that uses it; nothing changed/);
    expect(existsSync(path.join(shared, 'pre-commit'))).toBe(false);
  });
});

describe('the sh reader behind it', () => {
  const runs = (script: string): boolean | undefined => runsForSure(script, isNbguardCommand);
  it('tells reached lines from unreached and conditional ones', () => {
    expect(runs('nbguard hook pre-commit\n')).toBe(true);
    expect(runs('npx --no-install nbguard hook pre-commit\nexit 0\n')).toBe(true);
    expect(runs('exit 0\nnbguard hook pre-commit\n')).toBe(false);
    expect(runs('exec lint-staged\nnbguard hook pre-commit\n')).toBe(false);
    expect(runs('exec < /dev/tty\nnbguard hook pre-commit\n')).toBe(true); // a redirection, not an end
    expect(runs('test -n "$CI" && exit 0\nnbguard hook pre-commit\n')).toBe(true); // conditional exit
    expect(runs('if [ -n "$CI" ]; then\n  exit 0\nfi\nnbguard hook pre-commit\n')).toBe(true);
    expect(runs('if [ -z "$CI" ]; then\n  nbguard hook pre-commit\nfi\n')).toBe(false); // only sometimes
    expect(runs('if [ -z "$CI" ]; then nbguard hook pre-commit; fi\n')).toBe(false); // the same on one line
    expect(runs('nbguard hook pre-commit || true\n')).toBe(false); // runs, but its failure stops nothing
    expect(runs('nbguard hook pre-commit | tee log\n')).toBe(false);
    expect(runs('npm test || exit 1\nnbguard hook pre-commit\n')).toBe(true);
    expect(runs('exit 1 || true\nnbguard hook pre-commit\n')).toBe(false);
    expect(runs('run() {\n  exit 1\n}\nnbguard hook pre-commit\n')).toBe(true);
    expect(runs('(cd sub && exit 1)\nnbguard hook pre-commit\n')).toBe(true); // a subshell's exit
    expect(runs('top=$(git rev-parse --show-toplevel)\nnbguard hook pre-commit\n')).toBe(true);
    expect(runs('echo done; exit 0; nbguard hook pre-commit\n')).toBe(false);
    expect(runs('echo "nbguard hook pre-commit"\n')).toBe(false);
    expect(runs('nbguard hook pre-commit \\\n  --no-fix\n')).toBe(true);
    expect(runs('case "$1" in\n  x) exit 0 ;;\nesac\nnbguard hook pre-commit\n')).toBe(true);
    expect(runs('cat <<EOF\nx\nEOF\n')).toBeUndefined();
    expect(runs('if true; then\n')).toBeUndefined();
    expect(analyzeScript('a\nexit 0\nb\n')).toMatchObject({ sure: true, terminator: 1 });
  });
});
