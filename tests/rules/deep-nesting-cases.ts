import { defaultConfig } from '../../src/config/config';
import { checkBytes } from '../../src/run/check-bytes';
import type { Finding } from '../../src/engine/finding';
import { FAKES } from '../secrets/fakes';
import { Rng } from '../secrets/random';

/**
 * Notebooks nested 200,000 levels deep where the secret and personal-data rules walk (cell,
 * notebook and output metadata, JSON output data), each with a wide notebook of about the same
 * size as its benign counterpart. Shared by the test and its worker thread.
 */
export const DEPTH = 200_000;

export interface DeepCase {
  readonly name: string;
  readonly text: string;
  /** Rules and texts the findings must include: the deep value is reached and reported. */
  readonly expect: readonly { readonly rule: string; readonly message: RegExp }[];
}

/** A fake GitHub token and a fictional email address, placed at the bottom of each nesting. */
export const TOKEN = FAKES['github-pat']!(new Rng(23)).secret;
const LEAF = JSON.stringify(`${TOKEN} owner jane.doe@acme-corp.com`);
const FOUND = [
  { rule: 'secret', message: /GitHub personal access token/ },
  { rule: 'personal-data', message: /email address/ },
];

function notebook(cellMetadata: string, outputs: string, notebookMetadata: string): string {
  return (
    `{"cells":[{"cell_type":"code","execution_count":1,"id":"deep","metadata":${cellMetadata},"outputs":[${outputs}],"source":"x = 1"}],` +
    `"metadata":${notebookMetadata},"nbformat":4,"nbformat_minor":5}`
  );
}

/** `open` repeated DEPTH times around `leaf`, closed by `close`. */
function nested(open: string, leaf: string, close: string): string {
  return open.repeat(DEPTH) + leaf + close.repeat(DEPTH);
}

/** As many members side by side as the deep cases have levels: the same amount of JSON, one level deep. */
export function wide(): string {
  const members: string[] = [];
  for (let i = 0; i < DEPTH; i++) members.push(`"k${i}":{"s":"w"}`);
  return notebook(`{"wide":{${members.join(',')},"leaf":${LEAF}}}`, '', '{}');
}

export function deepCases(): DeepCase[] {
  return [
    { name: 'cell metadata, objects', text: notebook(`{"deep":${nested('{"k":', LEAF, '}')}}`, '', '{}'), expect: FOUND },
    { name: 'notebook metadata, arrays', text: notebook('{}', '', `{"deep":${nested('[', LEAF, ']')}}`), expect: FOUND },
    {
      name: 'cell metadata, a string at every level',
      text: notebook(`{"deep":${nested('{"note":"level","k":', LEAF, '}')}}`, '', '{}'),
      expect: FOUND,
    },
    {
      name: 'JSON output data',
      text: notebook('{}', `{"output_type":"execute_result","execution_count":1,"metadata":{},"data":{"application/json":${nested('{"k":', LEAF, '}')}}}`, '{}'),
      expect: FOUND,
    },
    {
      name: 'output metadata',
      text: notebook('{}', `{"output_type":"display_data","metadata":{"deep":${nested('{"k":', LEAF, '}')}},"data":{"text/plain":"x"}}`, '{}'),
      expect: FOUND,
    },
  ];
}

/** Every rule, as `check` runs them. */
export function check(text: string): Finding[] {
  return checkBytes(text, 'deep.ipynb', defaultConfig()).findings;
}
