import { textSegments, withoutAnsi } from '../../src/notebook/segments';
import { codeCell, jupyterJson, notebookJson, parse } from '../helpers/notebook';

describe('textSegments', () => {
  const text = jupyterJson(
    notebookJson(
      [
        codeCell('a = 1\n', {
          outputs: [
            { output_type: 'error', ename: 'KeyError', evalue: "'x'", traceback: ['\u001b[0;31mKeyError\u001b[0m: token here'] },
            { output_type: 'display_data', metadata: {}, data: { 'image/png': 'iVBORw0KGgo=', 'text/plain': ['<Figure>'], 'application/json': { k: 'v' } } },
          ],
        }),
      ],
      {
        widgets: { 'application/vnd.jupyter.widget-state+json': { state: { w: { model_name: 'TextModel', state: { value: 'typed-in-text' }, buffers: [{ data: 'AAAAbase64' }] } } } },
        author: 'someone',
      },
    ),
  );
  const segments = textSegments(parse(text));

  it('skips binary MIME data and widget buffers, and reads saved widget state', () => {
    expect(segments.some((s) => s.text === 'iVBORw0KGgo=')).toBe(false);
    expect(segments.some((s) => s.text === 'AAAAbase64')).toBe(false);
    expect(segments.find((s) => s.text === 'typed-in-text')?.path).toEqual(['metadata', 'widgets', 'application/vnd.jupyter.widget-state+json', 'state', 'w', 'state', 'value']);
    expect(segments.find((s) => s.text === 'someone')?.path).toEqual(['metadata', 'author']);
    expect(segments.find((s) => s.text === 'v')?.path).toEqual(['cells', 0, 'outputs', 1, 'data', 'application/json', 'k']);
  });

  it('removes ANSI codes from tracebacks and maps indexes back', () => {
    const traceback = segments.find((s) => s.path.includes('traceback'));
    expect(traceback?.text).toBe('KeyError: token here');
    const at = traceback!.text.indexOf('token');
    const raw = '\u001b[0;31mKeyError\u001b[0m: token here';
    expect(raw.slice(traceback!.toValueIndex(at), traceback!.toValueIndex(at) + 5)).toBe('token');
  });

  it('maps an index right after a removed code', () => {
    const { text, toValueIndex } = withoutAnsi('\u001b[1mX\u001b[0mY');
    expect(text).toBe('XY');
    expect(toValueIndex(0)).toBe(4);
    expect(toValueIndex(1)).toBe(9);
  });
});
