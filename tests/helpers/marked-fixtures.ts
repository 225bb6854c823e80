import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../src/engine/finding';
import { fixture, parse } from './notebook';

/**
 * Fixture notebooks of a rule under tests/fixtures/<rule>/{ok,ng}/, whose code lines say what
 * the rule must find on them: a line ending in `# ng` holds a finding at the rule's severity,
 * `# ng:error` / `# ng:warning` one at that severity; every other line none.
 */
export function fixtureNames(rule: string, kind: 'ok' | 'ng'): string[] {
  return readdirSync(path.resolve(__dirname, '..', '..', '..', 'tests', 'fixtures', rule, kind)).filter((name) => name.endsWith('.ipynb')).sort();
}

export function fixtureText(rule: string, kind: 'ok' | 'ng', name: string): string {
  return fixture(path.join(rule, kind), name);
}

/** `cell:line severity` for each marked line (cells and lines 1-based, as findings count them). */
export function expectedMarks(text: string, defaultSeverity: string): string[] {
  const marks: string[] = [];
  parse(text).cells.forEach((cell, index) => {
    if (cell.cellType !== 'code') return;
    cell.source.split('\n').forEach((line, lineIndex) => {
      const mark = /#\s*ng(?::(error|warning))?\s*$/.exec(line);
      if (mark) marks.push(`${index + 1}:${lineIndex + 1} ${mark[1] ?? defaultSeverity}`);
    });
  });
  return marks;
}

/** The same shape for findings. */
export function foundMarks(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.cell}:${finding.line} ${finding.severity}`);
}
