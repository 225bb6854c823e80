import type { MessageData, MessageReport, RuleMeta } from '../rule-api/rule';

/** A `{{name}}` placeholder of a message template (spaces inside the braces allowed, as ESLint does). */
const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/g;

/** A rule's report in words: its message id and the message filled in from the id's template. */
export interface Worded {
  readonly messageId: string;
  readonly message: string;
}

/**
 * Fills a report's message template. A message id the rule does not declare, or a placeholder
 * without a value, is a bug in the rule: it throws (the file's check then fails loudly), rather
 * than reporting a message with a hole in it.
 */
export function wordReport(meta: RuleMeta, report: MessageReport): Worded {
  const template = assertDeclared(meta, report.messageId);
  return { messageId: report.messageId, message: formatMessage(template, report.data ?? {}, `${meta.id}/${report.messageId}`) };
}

/** The template of a message id the rule declares; throws (a bug in the rule) for any other. */
export function assertDeclared(meta: RuleMeta, messageId: string): string {
  const template = Object.prototype.hasOwnProperty.call(meta.messages, messageId) ? meta.messages[messageId] : undefined;
  if (template === undefined) throw new Error(`rule ${meta.id} reported message id "${messageId}", which its meta.messages does not declare`);
  return template;
}

/** Replaces each `{{name}}` in a template by `data[name]`. */
export function formatMessage(template: string, data: MessageData, what = 'message'): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(data, name) ? data[name] : undefined;
    if (value === undefined) throw new Error(`${what}: no value for placeholder {{${name}}}`);
    return String(value);
  });
}

/** The placeholder names a template uses, in order of first use (docs, and checks of rule metadata). */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) if (!names.includes(match[1]!)) names.push(match[1]!);
  return names;
}
