import type * as Diff3 from 'node-diff3' with { 'resolution-mode': 'import' };

/**
 * node-diff3 (MIT): LCS, and three-way merge of sequences. Its types are declared for ES modules,
 * but it ships a CommonJS build too (its `require` export), which is what Node loads here.
 */
const diff3 = require('node-diff3') as typeof Diff3;

export const diff3Merge = diff3.diff3Merge;
export const LCS = diff3.LCS;
