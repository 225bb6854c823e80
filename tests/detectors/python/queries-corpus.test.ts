import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lexCell } from '../../../src/detectors/python/lexer';
import { cellQueries, type CellQueries } from '../../../src/detectors/python/queries';
import { pythonQueries } from '../../../src/rule-api/python';
import { readNotebook } from '../../../src/notebook/read';
import { describeWithCorpus } from '../../helpers/corpus';

const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'real');

/** The parts of the queries that a plain comparison can check (no getters). */
const plain = (queries: CellQueries): unknown => ({ imports: queries.imports, calls: queries.calls, definitions: queries.definitions, strings: queries.strings });

describeWithCorpus(CORPUS)('python queries over the real corpus', () => {
  it('give spans that hold what they name, and the lazy queries of the notebook analysis equal a direct extraction', () => {
    const counts = { cells: 0, imports: 0, calls: 0, definitions: 0, strings: 0 };
    const problems: string[] = [];
    for (const file of readdirSync(CORPUS, { recursive: true }).map(String)) {
      if (!file.endsWith('.ipynb') || file.startsWith('jupyter__nbformat')) continue;
      const read = readNotebook(readFileSync(path.join(CORPUS, file)), file);
      if (!read.ok) continue;
      const python = pythonQueries(read.notebook);
      if (!python) continue;
      python.cells.forEach((cell, i) => {
        const lazy = python.queries[i];
        if (!lazy) return;
        const source = cell.source;
        const direct = cellQueries(source, lexCell(source, /^\s*%%/.test(source) ? source.indexOf('\n') + 1 : 0));
        counts.cells++;
        if (JSON.stringify(plain(lazy)) !== JSON.stringify(plain(direct))) problems.push(`${file} cell ${cell.index + 1}: lazy and direct queries differ`);
        const compact = (from: number, to: number): string => source.slice(from, to).replace(/[\s\\]+/g, '');
        for (const binding of lazy.imports) {
          counts.imports++;
          if (compact(binding.start, binding.end) !== '.'.repeat(binding.level) + binding.module) problems.push(`${file} cell ${cell.index + 1}: import span ${source.slice(binding.start, binding.end)} for ${binding.module}`);
        }
        for (const call of lazy.calls) {
          counts.calls++;
          const ok = compact(call.start, call.open) === call.callee && source[call.open] === '(' && (call.close === source.length || source[call.close] === ')');
          if (!ok) problems.push(`${file} cell ${cell.index + 1}: call ${call.callee} at ${call.start}`);
        }
        for (const definition of lazy.definitions) {
          counts.definitions++;
          if (source.slice(definition.start, definition.end) !== (definition.kind === 'lambda' ? 'lambda' : definition.name)) problems.push(`${file} cell ${cell.index + 1}: ${definition.kind} ${definition.name}`);
        }
        for (const literal of lazy.strings) {
          counts.strings++;
          if (!/^["']/.test(source.slice(literal.start + literal.prefix.length))) problems.push(`${file} cell ${cell.index + 1}: string at ${literal.start}`);
        }
      });
    }
    expect(problems.slice(0, 10)).toEqual([]);
    // Not vacuous: the corpus's Python cells import, call, define and quote a lot.
    expect(counts.cells).toBeGreaterThan(5000);
    expect(counts.imports).toBeGreaterThan(1000);
    expect(counts.calls).toBeGreaterThan(20000);
    expect(counts.definitions).toBeGreaterThan(1000);
    expect(counts.strings).toBeGreaterThan(10000);
  });
});
