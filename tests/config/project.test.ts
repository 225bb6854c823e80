import { DEFAULT_STRIP_OPTIONS } from '../../src/fix/strip-options';
import { globMatcher } from '../../src/config/globs';
import { parseConfig } from '../../src/config/parse';
import { projectConfig } from '../../src/config/project';

const repo = '/repo';
const load = (raw: unknown, cliStrip = {}) => projectConfig(parseConfig(raw, `${repo}/.nbguardrc`, '.nbguardrc'), repo, cliStrip);

describe('per-file effective config', () => {
  const config = load({
    rules: { outputs: 'warn', metadata: 'off' },
    strip: { 'keep-count': true, 'max-size': '1k' },
    ignore: ['vendor', '*.draft.ipynb', '!keep.draft.ipynb'],
    overrides: [
      { files: ['docs/**'], rules: { outputs: 'off' }, strip: { 'keep-output': true } },
      { files: ['docs/api/**'], rules: { outputs: 'error' }, strip: { 'max-size': 5 } },
    ],
  });

  it('layers defaults, the config, then matching overrides in order', () => {
    const top = config.forFile('analysis/a.ipynb');
    expect(top.rules.get('outputs')?.severity).toBe('warning');
    expect(top.rules.get('metadata')?.severity).toBe('off');
    expect(top.rules.get('execution-count')?.severity).toBe('error');
    expect(top.strip).toEqual({ ...DEFAULT_STRIP_OPTIONS, keepCount: true, maxSize: 1000 });

    const docs = config.forFile('docs/guide.ipynb');
    expect(docs.rules.get('outputs')?.severity).toBe('off');
    expect(docs.strip.keepOutput).toBe(true);

    const api = config.forFile('docs/api/ref.ipynb');
    expect(api.rules.get('outputs')?.severity).toBe('error');
    expect(api.strip).toMatchObject({ keepOutput: true, keepCount: true, maxSize: 5 });
  });

  it('resolves paths given relative to the cwd or absolute, against the config’s folder', () => {
    expect(config.forFile(`${repo}/docs/x.ipynb`).rules.get('outputs')?.severity).toBe('off');
    const fromSub = projectConfig(parseConfig({ overrides: [{ files: ['docs/**'], rules: { outputs: 'off' } }] }, `${repo}/.nbguardrc`, '.nbguardrc'), `${repo}/docs`);
    expect(fromSub.forFile('x.ipynb').rules.get('outputs')?.severity).toBe('off');
  });

  it('lets command-line strip flags win over the config and its overrides', () => {
    const withFlags = load({ strip: { 'keep-count': false }, overrides: [{ files: ['docs/**'], strip: { 'max-size': 10 } }] }, { keepCount: true, maxSize: 99 });
    expect(withFlags.forFile('docs/a.ipynb').strip).toMatchObject({ keepCount: true, maxSize: 99 });
  });

  it('keeps options when an override changes only the severity', () => {
    const config2 = load({ rules: { outputs: ['warn', {}] }, overrides: [{ files: ['a/**'], rules: { outputs: 'error' } }] });
    expect(config2.forFile('a/x.ipynb').rules.get('outputs')).toEqual({ severity: 'error', options: {} });
  });

  it('ignores files by glob, with later negations taking files back', () => {
    expect(config.isIgnored('vendor/lib/x.ipynb')).toBe(true);
    expect(config.isIgnored('src/vendor/x.ipynb')).toBe(true);
    expect(config.isIgnored('notes/plan.draft.ipynb')).toBe(true);
    expect(config.isIgnored('notes/keep.draft.ipynb')).toBe(false);
    expect(config.isIgnored('vendors.ipynb')).toBe(false);
    expect(config.isIgnored('-')).toBe(false);
  });

  it('hands out one config object per distinct set of overrides', () => {
    expect(config.forFile('a.ipynb')).toBe(config.forFile('b/c.ipynb'));
    expect(config.forFile('docs/a.ipynb')).not.toBe(config.forFile('a.ipynb'));
  });
});

describe('globs', () => {
  it.each<[string[], string, boolean]>([
    [['docs/**'], 'docs/a/b.ipynb', true],
    [['docs/**'], 'other/docs/b.ipynb', false],
    [['docs'], 'other/docs/b.ipynb', true],
    [['build/'], 'build/x.ipynb', true],
    [['./notes/*.ipynb'], 'notes/a.ipynb', true],
    [['notes/*.ipynb'], 'notes/deep/a.ipynb', false],
    [['*.ipynb'], 'deep/down/a.ipynb', true],
    [['.hidden/**'], '.hidden/a.ipynb', true],
    [['docs/**'], '../docs/a.ipynb', false],
    [[], 'a.ipynb', false],
  ])('%j matches %s: %s', (patterns, file, expected) => {
    expect(globMatcher(patterns)(file)).toBe(expected);
  });

  it('has no extglobs: a repeated group holding a `*` would backtrack for minutes', () => {
    const name = `${'a'.repeat(40)}.ipynb`;
    // With extglobs, `+(a*)c.ipynb` tries every way to cut 40 a's into groups before failing.
    const matches = globMatcher(['+(a*)c.ipynb', '*(a*)c.ipynb', 'x/**']);
    expect(matches(name)).toBe(false);
    expect(matches('x/y.ipynb')).toBe(true);
  });
});
