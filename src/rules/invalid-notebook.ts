import { formatPath, valueAt, type JsonPath, type JsonValue } from '../notebook/json';
import type { Notebook } from '../notebook/model';
import { UNREADABLE } from '../notebook/read';
import { at, nbformatViolations } from '../detectors/nbformat-schema';
import { defineRule, type RuleContext } from '../rule-api/rule';
import { INVALID_NOTEBOOK } from '../rule-api/rule-ids';

export interface InvalidNotebookOptions {
  /**
   * Whether the nbformat 4 schema is checked too (default true). Files that cannot be read, reader
   * defects, duplicate keys and duplicate cell ids are reported either way. `nbguard history` and
   * the pre-push hook turn it off unless `history.rules` lists this rule: a schema detail of a past
   * commit can be neither fixed there nor leak anything, and it was ~8 % of a history scan.
   */
  readonly schema: boolean;
}

export const invalidNotebookRule = defineRule<InvalidNotebookOptions>({
  meta: {
    id: INVALID_NOTEBOOK,
    description: 'Files that are not valid nbformat 4 notebooks',
    defaultSeverity: 'error',
    fixable: false,
    docs: {
      what:
        'The file cannot be read as an nbformat 4 notebook: it is empty, binary, not UTF-8, not JSON, not an ' +
        'object, or an nbformat 3 (or older) notebook; or it breaks the nbformat 4 schema (4.0 to 4.5): a cell ' +
        'or output missing a required key (a `stream` output without `name`), a value of the wrong type, an ' +
        'unknown cell or output type, an nbformat 4.5 cell without a valid `id`, or two cells with the same id; or a ' +
        'key written twice in one object (JSON readers and Jupyter keep the last, git commits both: the earlier copy, ' +
        'a secret or an output, goes into history unseen; both positions are given). ' +
        'Metadata keys the format does not define, and cell ids in notebooks older than 4.5, are accepted.',
      why: 'Jupyter will refuse or mangle such a file, and no other check can be trusted on it.',
      example: '{"cells": [ {"cell_type": "code", "source": 42} ], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}',
      fix:
        'Repair the file at the reported position (often a bad hand edit or a broken merge). Upgrade nbformat 3 ' +
        'notebooks with `jupyter nbconvert --to notebook --nbformat 4 --inplace FILE`. Give duplicated cells new ' +
        'ids (opening and saving the notebook in a current Jupyter does it). `nbguard strip` removes every member a ' +
        'duplicate key hides (what Jupyter reads is unchanged).',
    },
    messages: {
      /** A file the reader cannot take as a notebook (empty, binary, not UTF-8, not JSON, not nbformat 4). */
      [UNREADABLE]: '{{reason}}',
      structure: '{{problem}}',
      schema: '{{problem}}',
      duplicateKey:
        'duplicate key {{key}} in {{where}} at {{shadowed}} and {{live}}: ' +
        'JSON readers and Jupyter keep only the last, git commits both; remove one (`nbguard strip` removes the earlier)',
      moreDuplicateKeys: '{{count}} more duplicate keys, the first at {{first}}: JSON readers keep only the last of each, git commits all',
      duplicateId: 'cell {{cell}}: id `{{id}}` is already the id of cell {{first}}; cell ids must be unique',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { schema: { type: 'boolean', description: 'also check the nbformat 4 schema (the history scan turns it off)' } },
    },
  },
  defaultOptions: { schema: true },
  // Files that do not parse at all are reported under this id by the reader; here, the
  // structural problems of a notebook that did parse.
  check(notebook, context) {
    const said: JsonPath[] = [];
    for (const problem of notebook.problems) {
      context.report({ messageId: 'structure', data: { problem: at(problem.path, problem.message) }, site: { path: existingAncestor(notebook.raw, problem.path) } });
      said.push(problem.path);
    }
    // The reader already named some defects (a cell that is not an object, a source that is
    // not text); the schema would say the same again about them or about what they contain.
    for (const violation of context.options.schema ? nbformatViolations(notebook.raw) : []) {
      if (said.some((path) => isPrefix(path, violation.subject))) continue;
      context.report({ messageId: 'schema', data: { problem: violation.message }, site: { path: violation.path } });
    }
    reportDuplicateIds(notebook, context);
    reportDuplicateKeys(notebook, context);
  },
});

/** Duplicate keys reported one by one; past this many, one finding counts the rest. */
const MAX_DUPLICATES_SHOWN = 20;

/**
 * A key written twice in one object: JSON readers and Jupyter keep the last member, git commits
 * both, so the earlier one (a secret, an output) goes into history unseen. Both positions are
 * given as line:column in the file.
 */
function reportDuplicateKeys(notebook: Notebook, context: RuleContext<InvalidNotebookOptions>): void {
  const duplicates = notebook.duplicateKeys;
  const positions = notebook.positions;
  const lineColumn = (offset: number): string => {
    const { line, column } = positions.position(offset);
    return `${line}:${column}`;
  };
  for (const duplicate of duplicates.slice(0, MAX_DUPLICATES_SHOWN)) {
    const { container, reachable } = duplicate.location();
    const where = reachable ? (container.length === 0 ? 'the top-level object' : formatPath(container, 10)) : `a shadowed member inside ${formatPath(container, 10)}`;
    context.report({
      messageId: 'duplicateKey',
      data: { key: JSON.stringify(duplicate.key), where, shadowed: lineColumn(duplicate.shadowed.start), live: lineColumn(duplicate.live.start) },
      site: { path: container, offset: duplicate.shadowed.start },
    });
  }
  if (duplicates.length > MAX_DUPLICATES_SHOWN) {
    const rest = duplicates.slice(MAX_DUPLICATES_SHOWN);
    context.report({
      messageId: 'moreDuplicateKeys',
      data: { count: rest.length, first: lineColumn(rest[0]!.shadowed.start) },
      site: { path: [], offset: rest[0]!.shadowed.start },
    });
  }
}

/** Cell ids must be unique within a notebook: something a JSON schema cannot say. */
function reportDuplicateIds(notebook: Notebook, context: RuleContext<InvalidNotebookOptions>): void {
  const firstWithId = new Map<string, number>();
  for (const cell of notebook.cells) {
    if (cell.id === undefined) continue;
    const first = firstWithId.get(cell.id);
    if (first === undefined) {
      firstWithId.set(cell.id, cell.index);
      continue;
    }
    context.report({
      messageId: 'duplicateId',
      data: { cell: cell.index + 1, id: cell.id, first: first + 1 },
      site: { path: [...cell.path, 'id'] },
    });
  }
}

/** A missing key is reported where it should be: at the object that lacks it. */
function existingAncestor(root: JsonValue, path: JsonPath): JsonPath {
  let end = path.length;
  while (end > 0 && valueAt(root, path.slice(0, end)) === undefined) end--;
  return path.slice(0, end);
}

function isPrefix(prefix: JsonPath, path: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((step, i) => step === path[i]);
}
