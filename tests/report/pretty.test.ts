import { formatPretty } from '../../src/report/pretty';
import type { Finding } from '../../src/engine/finding';

function finding(extra: Partial<Finding>): Finding {
  return {
    rule: 'secret', severity: 'error', messageId: 'secret', message: 'm', fixable: false, cell: 1, output: 0, line: 2, column: 1,
    fileLine: 10, fileColumn: 5, offset: 0, length: 0, path: [], removedByStrip: false, ...extra,
  };
}

describe('pretty code frames', () => {
  it('drops colour codes and control characters, and keeps the caret under the finding', () => {
    const excerpt = '\u001b[0;31mKeyError\u001b[0m: key \u0007ghp_…(40 chars)';
    const column = excerpt.indexOf('ghp_') + 1;
    const out = formatPretty([{ path: 'a.ipynb', findings: [finding({ excerpt, column })] }], { color: false });
    const [code, caret] = out.split('\n').filter((line) => / \| /.test(line) || / \|\s+\^/.test(line));
    expect(code).not.toMatch(/[\u0000-\u001f]/);
    expect(code).toContain('KeyError: key \uFFFDghp_');
    expect(code!.indexOf('ghp_')).toBe(caret!.indexOf('^'));
  });
});
