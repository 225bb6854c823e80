import { fixture, runRule } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

describe('rule metadata', () => {
  it('reports every noisy key, notebook and cell level', () => {
    const messages = runRule('metadata', fixture('metadata', 'noisy.ipynb')).map((f) => `${f.cell ?? '-'} ${f.message}`);
    expect(messages.sort()).toEqual(
      [
        '1 cell metadata ExecuteTime: strip removes it',
        '1 cell metadata collapsed: strip removes it',
        '1 cell metadata scrolled: strip removes it',
        '2 cell metadata heading_collapsed: strip removes it',
        '2 cell metadata hidden: strip removes it',
        '- notebook metadata.signature: strip removes it',
        '- notebook metadata.widgets: strip removes it',
      ].sort(),
    );
  });

  it('points at the key itself', () => {
    const text = fixture('metadata', 'noisy.ipynb');
    const finding = runRule('metadata', text).find((f) => f.message.includes('scrolled'))!;
    const line = text.split('\n')[finding.fileLine - 1]!;
    expect(line.slice(finding.fileColumn - 1)).toMatch(/^"scrolled"/);
  });

  it('leaves tags, custom metadata and authors alone', () => {
    expect(runRule('metadata', fixture('metadata', 'quiet.ipynb'))).toEqual([]);
  });

  it('follows --keep-metadata-keys and --extra-keys', () => {
    const kept = runRule('metadata', fixture('metadata', 'noisy.ipynb'), { strip: { keepMetadataKeys: ['metadata.widgets', 'cell.metadata.scrolled'] } });
    expect(kept.some((f) => /widgets|scrolled/.test(f.message))).toBe(false);
    const extra = runRule('metadata', fixture('metadata', 'quiet.ipynb'), { strip: { extraKeys: ['cell.metadata.custom.note', 'metadata.authors'] } });
    expect(extra.map((f) => f.message).sort()).toEqual(['cell metadata custom.note: strip removes it', 'notebook metadata.authors: strip removes it']);
  });
});

ruleTester('metadata', {
  valid: [{ name: 'noisy keys kept on purpose', notebook: fixture('metadata', 'noisy.ipynb'), strip: { keepMetadataKeys: ['metadata.widgets', 'metadata.signature', 'cell.metadata.ExecuteTime', 'cell.metadata.collapsed', 'cell.metadata.scrolled', 'cell.metadata.heading_collapsed', 'cell.metadata.hidden'] } }],
});
