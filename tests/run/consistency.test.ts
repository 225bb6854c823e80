import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { dirtyNotebook, git, nbguardShim, put, repoWithHook, show } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson, streamOutput } from '../helpers/notebook';
import { checksummed, mixed, Rng } from '../secrets/random';

/**
 * `check`, `fix`, the pre-commit hook and the clean filter are one use case with different inputs
 * and outputs: under one configuration (config file with an override and ignores, a gitleaks
 * config, a baseline) they must reach the same verdict on every notebook.
 */
const rng = new Rng(2026);
const acme = `acme_${mixed(rng, 24, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
const knownToken = checksummed(rng, 'ghp_');
const notebook = (source: string, outputs: string[] = []): string =>
  jupyterJson(
    notebookJson([codeCell(source, { id: 'c', execution_count: outputs.length > 0 ? 1 : null, outputs: outputs.map((text) => streamOutput(text)) })]),
  );

/** Each notebook, and whether a commit of it must be refused. */
const NOTEBOOKS: Readonly<Record<string, { content: string; blocks: boolean }>> = {
  // Found only by the gitleaks config's own rule.
  'custom.ipynb': { content: notebook(`ACME_KEY = "${acme}"\n`), blocks: true },
  // A token the baseline records.
  'known.ipynb': { content: notebook(`TOKEN = "${knownToken}"\n`), blocks: false },
  // Only what a strip fixes.
  'outputs.ipynb': { content: dirtyNotebook(), blocks: false },
  // A secret in a notebook the config ignores.
  'vendor/ignored.ipynb': { content: notebook(`TOKEN = "${checksummed(rng, 'ghp_')}"\n`), blocks: false },
  // Personal data where an override turns the rule off, and where it does not.
  'docs/people.ipynb': { content: notebook('contact = "jane.roe@acme-corp.com"\n'), blocks: false },
  'people.ipynb': { content: notebook('contact = "jane.roe@acme-corp.com"\n'), blocks: true },
};

const GITLEAKS = ['[[rules]]', "id = 'acme-key'", "description = 'Acme API key'", "regex = '''(?i)acme_key\\s*=\\s*\"(acme_[0-9a-z]{24})\"'''", "keywords = ['acme_key']", ''].join('\n');
const CONFIG = { ignore: ['vendor/**'], overrides: [{ files: ['docs/**'], rules: { 'personal-data': 'off' } }] };

function project(): string {
  const repo = repoWithHook();
  put(repo, '.nbguardrc.json', JSON.stringify(CONFIG));
  put(repo, '.gitleaks.toml', GITLEAKS);
  for (const [file, { content }] of Object.entries(NOTEBOOKS)) put(repo, file, content);
  // The baseline knows the token of known.ipynb only.
  expect(runCli(['baseline', 'known.ipynb'], { cwd: repo }).status).toBe(0);
  git(repo, ['add', '.nbguardrc.json', '.gitleaks.toml', '.nbguard-baseline.json']);
  git(repo, ['commit', '-q', '-m', 'config']);
  return repo;
}

describe('check, fix, the hook and the filter reach the same verdicts', () => {
  const repo = project();

  it.each(Object.keys(NOTEBOOKS))('%s', (file) => {
    const { blocks } = NOTEBOOKS[file]!;
    // check: an error-level finding fails the run.
    const check = runCli(['check', '--format', 'json', file], { cwd: repo });
    const report = JSON.parse(check.stdout) as { files: { findings: { severity: string; fixable: boolean }[] }[] };
    const unfixed = report.files.flatMap((entry) => entry.findings).filter((finding) => finding.severity === 'error' && !finding.fixable);
    expect(unfixed.length > 0).toBe(blocks);

    // the hook: the commit is refused, or goes through stripped.
    git(repo, ['add', file]);
    const commit = git(repo, ['commit', '-m', file], { allowFailure: true });
    expect(commit.status !== 0).toBe(blocks);
    if (blocks) git(repo, ['reset', '-q', '--', file]);

    // fix: exit 1 only for what stripping cannot fix; the file is then what the hook committed.
    const fix = runCli(['fix', file], { cwd: repo });
    expect(fix.status).toBe(blocks ? 1 : 0);
    if (!blocks && !file.startsWith('vendor/')) expect(readFileSync(path.join(repo, file), 'utf8')).toBe(show(repo, 'HEAD', file));
  });

  it('the clean filter stores what the hook and fix leave', () => {
    const filtered = repoWithHook();
    put(filtered, '.nbguardrc.json', JSON.stringify(CONFIG));
    nbguardShim(path.join(filtered, 'node_modules', '.bin')); // a local install, as `install` finds it
    expect(runCli(['install', '--filter'], { cwd: filtered }).status).toBe(0);
    put(filtered, 'outputs.ipynb', dirtyNotebook());
    put(filtered, 'vendor/ignored.ipynb', dirtyNotebook());
    git(filtered, ['add', 'outputs.ipynb', 'vendor/ignored.ipynb']);
    const fixed = repoWithHook();
    put(fixed, '.nbguardrc.json', JSON.stringify(CONFIG));
    put(fixed, 'outputs.ipynb', dirtyNotebook());
    expect(runCli(['fix', 'outputs.ipynb'], { cwd: fixed }).status).toBe(0);
    expect(show(filtered, ':0', 'outputs.ipynb')).toBe(readFileSync(path.join(fixed, 'outputs.ipynb'), 'utf8'));
    // The config's ignores hold for the filter as for check: an ignored notebook is stored as it is.
    expect(show(filtered, ':0', 'vendor/ignored.ipynb')).toBe(dirtyNotebook());
  });
});
