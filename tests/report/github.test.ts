import { escapeData, escapeProperty, formatGithub } from '../../src/report/github';
import type { Finding } from '../../src/engine/finding';

function finding(extra: Partial<Finding> = {}): Finding {
  return {
    rule: 'outputs', severity: 'error', messageId: 'outputs', message: 'm', fixable: true, cell: 2, output: 0, line: null, column: null,
    fileLine: 10, fileColumn: 5, offset: 100, length: 0, path: ['cells', 1, 'outputs', 0], removedByStrip: false, ...extra,
  };
}

describe('GitHub annotations', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b');
    // `%` first: an escape in the input must not be decoded back by the runner.
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('writes one workflow command per finding, repo-relative, then a summary line', () => {
    const reports = [
      { path: 'nb/a, b: c.ipynb', findings: [finding({ fixable: false, message: 'line one\nline two: 50%', length: 3 })] },
      { path: 'nb/clean.ipynb', findings: [] },
      { path: 'nb/w.ipynb', findings: [finding({ rule: 'metadata', severity: 'warning', cell: null, output: null, message: 'notebook metadata.widgets: strip removes it' })] },
    ];
    const out = formatGithub(reports, { cwd: '/repo/sub', root: '/repo' }).split('\n');
    expect(out).toEqual([
      '::error file=sub/nb/a%2C b%3A c.ipynb,line=10,col=5,endColumn=8,title=nbguard outputs::cell 2, output 1: line one%0Aline two: 50%25',
      // Fixable by a strip: one notice for the notebook, after what must be acted on.
      '::notice file=sub/nb/w.ipynb,line=10,title=nbguard strip::1 metadata key — `nbguard strip` removes it',
      'nbguard: 1 error and 1 warning in 2 of 3 notebooks',
      '',
    ]);
    expect(formatGithub([{ path: 'a.ipynb', findings: [] }], { cwd: '/r', root: '/r' })).toBe('nbguard: 1 notebook checked, no problems\n');
  });
});
