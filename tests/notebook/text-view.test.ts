import { formatSize, notebookTextView } from '../../src/notebook/text-view';
import { codeCell, jupyterJson, markdownCell, notebookJson, parse, resultOutput, streamOutput } from '../helpers/notebook';

describe('notebookTextView (the textconv view)', () => {
  const png = Buffer.alloc(34 * 1024, 7).toString('base64');
  const notebook = jupyterJson(
    notebookJson([
      markdownCell('# Report\nSome *text*.\n', { id: 'm', attachments: { 'fig.png': { 'image/png': Buffer.alloc(2048).toString('base64') } } }),
      codeCell('import pandas as pd\ndf = load()\n', {
        id: 'a',
        execution_count: 3,
        metadata: { tags: ['setup', 'slow'] },
        outputs: [
          streamOutput(Array.from({ length: 12 }, (_, i) => `row ${i}\n`).join('')),
          { output_type: 'display_data', metadata: {}, data: { 'image/png': png, 'text/plain': ['<Figure>'] } },
          resultOutput({ 'text/plain': ['42'] }, 3),
          resultOutput({ 'text/html': ['<table>', '</table>'], 'text/plain': ['table'] }, 4),
          { output_type: 'error', ename: 'ValueError', evalue: '\u001b[31mbad value\u001b[0m for x', traceback: ['...'] },
        ],
      }),
      { cell_type: 'raw', id: 'r', metadata: {}, source: 'raw text' },
    ]),
  );

  it('renders a header per cell, sources as they are, one summary line per output', () => {
    expect(notebookTextView(parse(notebook))).toBe(
      [
        '# notebook: nbformat 4.5, kernel Python 3',
        '',
        '# ── cell 1 [markdown] ──',
        '# Report',
        'Some *text*.',
        '[attachment fig.png, image/png, 2 KB]',
        '',
        '# ── cell 2 [code] ──',
        '# tags: setup, slow',
        'import pandas as pd',
        'df = load()',
        '[stream stdout, 12 lines]',
        '[image/png, 34 KB]',
        '[text/plain: 42]',
        '[text/html, 15 B]',
        '[error ValueError: bad value for x]',
        '',
        '# ── cell 3 [raw] ──',
        'raw text',
        '',
      ].join('\n'),
    );
  });

  it('truncates long error messages and summarises long text results by lines', () => {
    const text = jupyterJson(
      notebookJson([
        codeCell('x\n', {
          id: 'x',
          outputs: [
            { output_type: 'error', ename: 'KeyError', evalue: 'k'.repeat(300), traceback: [] },
            resultOutput({ 'text/plain': ['a\n', 'b\n', 'c'] }),
          ],
        }),
      ]),
    );
    const view = notebookTextView(parse(text));
    expect(view).toMatch(/\[error KeyError: k+…\]/);
    expect(view.split('\n').find((line) => line.startsWith('[error'))!.length).toBeLessThanOrEqual(108);
    expect(view).toContain('[text/plain, 3 lines]');
  });

  it('formats sizes in B, KB and MB', () => {
    expect([formatSize(512), formatSize(34 * 1024), formatSize(3 * 1024 * 1024)]).toEqual(['512 B', '34 KB', '3.0 MB']);
  });
});
