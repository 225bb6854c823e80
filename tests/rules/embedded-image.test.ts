import { codeCell, jupyterJson, markdownCell, notebookJson, resultOutput, runRule, fixture } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

const RULE = 'embedded-image';
const base64 = (bytes: number): string => Buffer.alloc(bytes, 7).toString('base64');
const display = (data: object): object => ({ output_type: 'display_data', metadata: {}, data });

describe('embedded-image', () => {
  it('reports image outputs with count and decoded size, fixable by strip', () => {
    const text = jupyterJson(
      notebookJson([
        codeCell('plot()\n', { outputs: [display({ 'image/png': base64(48_000), 'text/plain': '<Figure>' }) as never] }),
        codeCell('both()\n', { outputs: [display({ 'image/png': base64(2000), 'image/svg+xml': '<svg>…</svg>', 'text/plain': 'x' }) as never] }),
      ]),
    );
    const findings = runRule(RULE, text);
    expect(findings.map((f) => f.message)).toEqual(['image/png, 48.0 KB', '2 images, 2.0 KB (image/png 2.0 KB, image/svg+xml 12 B)']);
    expect(findings[0]).toMatchObject({ severity: 'warning', fixable: true, cell: 1, output: 0 });
  });

  it('finds data-URI images and inline SVG in HTML, and data-URI images in markdown (not fixable)', () => {
    const html = `<img src="data:image/jpeg;base64,${base64(3000)}"><svg width="10"><rect/></svg>`;
    const text = jupyterJson(
      notebookJson([
        codeCell('show()\n', { outputs: [resultOutput({ 'text/html': html })] }),
        markdownCell(`![logo](data:image/png;base64,${base64(600)})\n`),
      ]),
    );
    const findings = runRule(RULE, text);
    expect(findings.map((f) => f.message)).toEqual(['2 images, 3.0 KB (image/jpeg 3.0 KB, inline SVG 29 B)', 'markdown data-URI image: image/png, 600 B']);
    expect(findings[1]).toMatchObject({ fixable: false, cell: 2, line: 1 });
  });

  it('does not fire on text outputs, linked images, or images under minBytes', () => {
    const text = jupyterJson(
      notebookJson([
        codeCell('x\n', { outputs: [resultOutput({ 'text/plain': 'data:image/png is a prefix', 'text/html': '<img src="plot.png">' })] }),
        markdownCell('![plot](figures/plot.png)\n'),
        codeCell('icon()\n', { outputs: [display({ 'image/png': base64(90) }) as never] }),
      ]),
    );
    expect(runRule(RULE, text, { ruleOptions: { minBytes: 100 } })).toEqual([]);
  });
});

ruleTester('embedded-image', {
  invalid: [
    {
      name: 'images of at least minBytes are still reported',
      notebook: fixture('embedded-image', 'plot-and-inline-logo.ipynb'),
      options: { minBytes: 50 },
      findings: [
        { messageId: 'image', cell: 1, line: null, output: 0 },
        { messageId: 'markdownImage', cell: 2, line: 1 },
      ],
    },
  ],
  valid: [{ name: 'images smaller than minBytes', notebook: fixture('embedded-image', 'plot-and-inline-logo.ipynb'), options: { minBytes: 100 } }],
});
