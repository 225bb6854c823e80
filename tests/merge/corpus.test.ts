import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { planStrip, stripText } from '../../src/fix/strip';
import { DEFAULT_STRIP_OPTIONS } from '../../src/fix/strip-options';
import { mergeNotebooks } from '../../src/merge/notebook';
import { applyEdits, removeMembers } from '../../src/notebook/edits';
import { readNotebook } from '../../src/notebook/read';
import type { Notebook } from '../../src/notebook/model';
import { describeWithCorpus } from '../helpers/corpus';

/**
 * Merges over the shared corpus of ~400 real notebooks (every layout real tools write): one side
 * strips the notebook, the other deletes its last cell. Skips cleanly where the corpus is absent.
 */
const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real');

function read(text: string): Notebook | undefined {
  const result = readNotebook(text, 'corpus.ipynb');
  return result.ok && result.notebook.problems.length === 0 ? result.notebook : undefined;
}
const strip = (notebook: Notebook): string => stripText(notebook, planStrip(notebook, DEFAULT_STRIP_OPTIONS));
const dropLast = (notebook: Notebook): string => applyEdits(notebook.text, removeMembers(notebook.positions, ['cells'], (key) => key === notebook.cells.length - 1));
const json = (text: string): unknown => JSON.parse(text.replace(/^\uFEFF/, ''));

function merged(base: string, ours: string, theirs: string): string {
  const result = mergeNotebooks({ base, ours, theirs });
  if (!result.ok) throw new Error(`refused ${result.side}: ${result.reason}`);
  return result.text;
}

describeWithCorpus(CORPUS)('nbguard merge on the shared corpus of real notebooks', () => {
  it('merges a strip on one side with a deleted cell on the other, as both would have it', () => {
    const files = readdirSync(CORPUS, { recursive: true }).map(String).filter((f) => f.endsWith('.ipynb'));
    expect(files.length).toBeGreaterThan(300);
    const wrong: string[] = [];
    let merges = 0;
    for (const file of files) {
      const base = read(readFileSync(path.join(CORPUS, file), 'utf8'));
      if (!base || base.cells.length === 0) continue;
      const stripped = strip(base);
      const dropped = dropLast(base);
      const both = json(dropLast(read(stripped)!));
      merges++;
      try {
        if (merged(base.text, stripped, base.text) !== stripped) wrong.push(`${file}: merge(b, strip, b) is not the stripped bytes`);
        if (!isDeepStrictEqual(json(merged(base.text, base.text, dropped)), json(dropped))) wrong.push(`${file}: merge(b, b, drop) is not the dropped notebook`);
        if (!isDeepStrictEqual(json(merged(base.text, dropped, stripped)), both)) wrong.push(`${file}: merge(b, drop, strip) lost a change`);
        if (!isDeepStrictEqual(json(merged(base.text, stripped, dropped)), both)) wrong.push(`${file}: merge(b, strip, drop) lost a change`);
      } catch (error) {
        wrong.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(merges).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  });
});
