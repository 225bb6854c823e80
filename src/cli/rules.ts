import { createColors } from 'picocolors';
import { allRules } from '../engine/registry';

/** `nbguard rules`: every rule with its default severity, whether strip fixes it, and what it finds. */
export function formatRuleList(color: boolean): string {
  const c = createColors(color);
  const rules = allRules();
  const width = Math.max(...rules.map((rule) => rule.meta.id.length));
  const lines = rules.map((rule) => {
    const severity = rule.meta.defaultSeverity.padEnd(7);
    const fixable = rule.meta.fixable ? 'fixable' : '       ';
    return `${c.bold(rule.meta.id.padEnd(width))}  ${severity}  ${fixable}  ${rule.meta.description}`;
  });
  return `${lines.join('\n')}\n`;
}
