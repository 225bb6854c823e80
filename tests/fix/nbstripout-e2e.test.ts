import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { describeWithCorpus } from '../helpers/corpus';

/**
 * nbstripout's own end-to-end cases (inputs, flags, expected outputs), kept outside the repo in
 * ../shared/corpus/nbstripout-e2e. nbstripout renumbers cell ids by default and we keep them, so
 * its default-flag cases run here with --sequential-ids, and its --keep-id cases with our
 * default. Inputs in Jupyter's own layout must come out byte-identical.
 */
const E2E = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'nbstripout-e2e');

interface Case {
  readonly input: string;
  readonly expected: string;
  readonly args: readonly string[];
}

const CASES: readonly Case[] = [
  { input: 'test_drop_empty_cells.ipynb', expected: 'test_drop_empty_cells_dontdrop.ipynb.expected', args: ['--sequential-ids'] },
  { input: 'test_drop_empty_cells.ipynb', expected: 'test_drop_empty_cells.ipynb.expected', args: ['--sequential-ids', '--drop-empty-cells'] },
  { input: 'test_drop_tagged_cells.ipynb', expected: 'test_drop_tagged_cells_dontdrop.ipynb.expected', args: ['--sequential-ids'] },
  { input: 'test_drop_tagged_cells.ipynb', expected: 'test_drop_tagged_cells.ipynb.expected', args: ['--sequential-ids', '--drop-tagged-cells=test'] },
  { input: 'test_execution_timing.ipynb', expected: 'test_execution_timing.ipynb.expected', args: ['--sequential-ids'] },
  { input: 'test_max_size.ipynb', expected: 'test_max_size.ipynb.expected', args: ['--max-size', '50', '--keep-id'] },
  { input: 'test_max_size.ipynb', expected: 'test_max_size.ipynb.expected_sequential_id', args: ['--max-size', '50', '--sequential-ids'] },
  { input: 'test_empty_metadata.ipynb', expected: 'test_empty_metadata.ipynb.expected', args: ['--sequential-ids'] },
  { input: 'test_metadata.ipynb', expected: 'test_metadata.ipynb.expected', args: ['--sequential-ids'] },
  {
    input: 'test_metadata.ipynb',
    expected: 'test_metadata_extra_keys.ipynb.expected',
    args: ['--sequential-ids', '--extra-keys', 'metadata.kernelspec metadata.language_info'],
  },
  { input: 'test_metadata.ipynb', expected: 'test_metadata_keep_count.ipynb.expected', args: ['--sequential-ids', '--keep-count'] },
  { input: 'test_metadata.ipynb', expected: 'test_metadata_keep_output.ipynb.expected', args: ['--sequential-ids', '--keep-output'] },
  {
    input: 'test_metadata.ipynb',
    expected: 'test_metadata_keep_output_keep_count.ipynb.expected',
    args: ['--sequential-ids', '--keep-output', '--keep-count'],
  },
  { input: 'test_metadata_notebook.ipynb', expected: 'test_metadata_notebook.ipynb.expected', args: ['--sequential-ids'] },
  {
    input: 'test_keep_metadata_keys.ipynb',
    expected: 'test_keep_metadata_keys.ipynb.expected',
    args: ['--sequential-ids', '--keep-metadata-keys', 'cell.metadata.scrolled cell.metadata.collapsed metadata.a'],
  },
  {
    input: 'test_metadata_period.ipynb',
    expected: 'test_metadata_period.ipynb.expected',
    args: ['--sequential-ids', '--extra-keys', 'cell.metadata.application/vnd.databricks.v1+cell metadata.application/vnd.databricks.v1+notebook'],
  },
  { input: 'test_strip_init_cells.ipynb', expected: 'test_strip_init_cells.ipynb.expected', args: ['--sequential-ids', '--strip-init-cells'] },
  { input: 'test_nbformat45.ipynb', expected: 'test_nbformat45.ipynb.expected', args: ['--keep-id'] },
  { input: 'test_nbformat45.ipynb', expected: 'test_nbformat45.ipynb.expected_sequential_id', args: ['--sequential-ids'] },
  { input: 'test_unicode.ipynb', expected: 'test_unicode.ipynb.expected', args: ['--sequential-ids'] },
  { input: 'test_widgets.ipynb', expected: 'test_widgets.ipynb.expected', args: ['--sequential-ids'] },
];

/** nbformat writes keys sorted, indent 1, a final newline: only then is byte equality owed. */
function inJupyterLayout(text: string): boolean {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]));
    }
    return value;
  };
  return `${JSON.stringify(sorted(JSON.parse(text)), null, 1)}\n` === text;
}

describeWithCorpus(E2E)('nbstripout end-to-end conformance', () => {
  it.each(CASES.map((c) => [`${c.input} ${c.args.join(' ')}`, c] as const))('%s', (_name, c) => {
    const input = readFileSync(path.join(E2E, c.input), 'utf8');
    const expected = readFileSync(path.join(E2E, c.expected), 'utf8');
    const result = runCli(['strip', ...c.args, '-'], { input });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    if (inJupyterLayout(input)) expect(result.stdout).toBe(expected);
    else expect(JSON.parse(result.stdout)).toEqual(JSON.parse(expected));
  });

  it('leaves an already clean notebook alone and reports nothing in dry-run', () => {
    const input = readFileSync(path.join(E2E, 'test_nochange.ipynb'), 'utf8');
    expect(runCli(['strip', '-'], { input }).stdout).toBe(input);
    expect(runCli(['strip', '--dry-run', '-'], { input }).stdout).toBe('');
  });

  it('refuses a cell whose metadata contradicts its tags', () => {
    const input = readFileSync(path.join(E2E, 'test_metadata_exception.ipynb'), 'utf8');
    const result = runCli(['strip', '-'], { input });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cell 1: .*keep_output/);
    expect(result.stdout).toBe('');
  });

  it('rejects invalid JSON with a one-line reason', () => {
    const input = readFileSync(path.join(E2E, 'test_invalid_json.ipynb'), 'utf8');
    const result = runCli(['strip', '-'], { input });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/standard input: invalid JSON/);
  });

  it('says clearly that nbformat 2 and 3 notebooks are not supported', () => {
    for (const file of ['test_nbformat2.ipynb', 'test_missing_nbformat.ipynb']) {
      const input = readFileSync(path.join(E2E, file), 'utf8');
      const result = runCli(['strip', '-'], { input });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/not supported|missing "nbformat"/);
    }
  });

  it('warns about invalid extra keys and goes on', () => {
    const input = readFileSync(path.join(E2E, 'test_metadata.ipynb'), 'utf8');
    const result = runCli(['strip', '--extra-keys', 'invalid foo.invalid', '-'], { input });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/invalid extra key `invalid`/);
    expect(result.stderr).toMatch(/invalid extra key `foo.invalid`/);
  });
});
