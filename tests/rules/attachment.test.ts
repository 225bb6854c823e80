import { jupyterJson, markdownCell, notebookJson, runRule, fixture } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

const RULE = 'attachment';
const png = Buffer.alloc(84_100, 1).toString('base64');

describe('attachment', () => {
  it('reports each attachment with type and size, not fixable by strip', () => {
    const text = jupyterJson(
      notebookJson([
        markdownCell('![shot](attachment:image.png)\n', { attachments: { 'image.png': { 'image/png': png } } }),
        { cell_type: 'raw', id: 'r1', metadata: {}, source: ['x'], attachments: { 'notes.txt': { 'text/plain': 'hello' } } },
      ]),
    );
    const findings = runRule(RULE, text);
    expect(findings.map((f) => f.message)).toEqual(['attachment "image.png": image/png, 84.1 KB', 'attachment "notes.txt": text/plain, 5 B (not referenced by the cell)']);
    expect(findings[0]).toMatchObject({ fixable: false, removedByStrip: false, severity: 'warning', cell: 1 });
  });

  it('does not fire on linked images, and respects minBytes', () => {
    const text = jupyterJson(notebookJson([markdownCell('![plot](figures/plot.png)\n'), markdownCell('x\n', { attachments: { 'a.png': { 'image/png': 'AAAA' } } })]));
    expect(runRule(RULE, text, { ruleOptions: { minBytes: 10 } })).toEqual([]);
  });
});

ruleTester('attachment', {
  valid: [{ name: 'attachments smaller than minBytes', notebook: fixture('attachment', 'pasted-screenshot.ipynb'), options: { minBytes: 1000 } }],
});
