/** Ids of the rules the reader itself reports, before any rule module runs. */
export const INVALID_NOTEBOOK = 'invalid-notebook';
export const MERGE_CONFLICT = 'merge-conflict';
