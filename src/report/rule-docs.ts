import type { AnyRule, SeveritySetting } from '../engine/rule';

/**
 * A rule's documentation page (docs/rules/<id>.md, and SARIF `help.markdown`), rendered from
 * its `meta` only, so every rule in the registry gets one without anyone writing markdown.
 */
export function ruleMarkdown(rule: AnyRule): string {
  const { id, description, defaultSeverity, fixable, security, docs } = rule.meta;
  const lines = [
    `# \`${id}\``,
    '',
    sentence(description),
    '',
    '| default severity | fixed by `nbguard strip` | security |',
    '|---|---|---|',
    `| ${configSeverity(defaultSeverity)} | ${fixable ? 'yes' : 'no'} | ${security ? 'yes' : 'no'} |`,
    '',
    '## What it finds',
    '',
    docs.what,
    '',
    '## Why it matters',
    '',
    docs.why,
    '',
    '## Example',
    '',
    ...fenced(docs.example),
    '',
    '## How to fix',
    '',
    docs.fix,
    '',
    ...messagesSection(rule),
    ...optionsSection(rule),
    '## Configuration',
    '',
    ...fenced(JSON.stringify({ rules: { [id]: configExample(rule) } }, null, 2), 'json'),
    '',
    `Silence one finding with a \`# nbguard: ignore[${id}]\` comment on its line, or a whole cell with the tag \`nbguard-ignore:${id}\`.`,
    '',
  ];
  return lines.join('\n');
}

/** The same page as plain text (SARIF `help.text`). */
export function ruleHelpText(rule: AnyRule): string {
  const { docs } = rule.meta;
  return `${docs.what}\n\nWhy: ${docs.why}\n\nFix: ${docs.fix}`;
}

/** docs/rules/README.md: one line per rule. */
export function rulesIndexMarkdown(rules: readonly AnyRule[]): string {
  const lines = [
    '# Rules',
    '',
    'Generated from the rule registry by `npm run docs`; each page is rendered from the rule’s own metadata.',
    '',
    '| rule | default | fixed by strip | finds |',
    '|---|---|---|---|',
    ...rules.map((rule) => {
      const { id, defaultSeverity, fixable, description } = rule.meta;
      return `| [\`${id}\`](${id}.md) | ${configSeverity(defaultSeverity)} | ${fixable ? 'yes' : ''} | ${description.replace(/\|/g, '\\|')} |`;
    }),
    '',
    'Severities are set per rule in the config file (`"off"`, `"warn"`, `"error"`, or `["error", {options}]`); see the README.',
    '',
  ];
  return lines.join('\n');
}

/** A description as a sentence: with a full stop, unless it already ends in punctuation. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function configSeverity(severity: SeveritySetting): string {
  return severity === 'warning' ? 'warn' : severity;
}

/** The rule's messages by id: what `messageId` in JSON reports and SARIF fingerprints refer to. */
function messagesSection(rule: AnyRule): string[] {
  const entries = Object.entries(rule.meta.messages);
  if (entries.length === 0) return [];
  const rows = entries.map(([id, template]) => `| \`${id}\` | ${template.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
  return [
    '## Messages',
    '',
    'Each finding names its message id (`messageId` in JSON reports); `{{…}}` stands for what the finding fills in.',
    '',
    '| id | message |',
    '|---|---|',
    ...rows,
    '',
  ];
}

function optionsSection(rule: AnyRule): string[] {
  const schema = rule.meta.optionsSchema;
  const properties = schema?.['properties'];
  if (!properties || typeof properties !== 'object') return [];
  const defaults = (rule.defaultOptions ?? {}) as Record<string, unknown>;
  const rows = Object.entries(properties as Record<string, Record<string, unknown>>).map(([name, property]) => {
    const type = property['type'] !== undefined ? String(property['type']).split(',').join(' or ') : property['enum'] !== undefined ? 'one of the listed values' : 'see schema';
    const description = typeof property['description'] === 'string' ? property['description'].replace(/\|/g, '\\|').replace(/\n/g, ' ') : '';
    const fallback = defaults[name] === undefined ? '' : `\`${JSON.stringify(defaults[name])}\``;
    return `| \`${name}\` | ${type} | ${fallback} | ${description} |`;
  });
  return ['## Options', '', '| option | type | default | meaning |', '|---|---|---|---|', ...rows, ''];
}

function configExample(rule: AnyRule): unknown {
  const severity = rule.meta.defaultSeverity === 'off' ? 'warn' : configSeverity(rule.meta.defaultSeverity);
  const defaults = rule.defaultOptions;
  const hasOptions = rule.meta.optionsSchema !== undefined && defaults !== null && typeof defaults === 'object' && Object.keys(defaults).length > 0;
  return hasOptions ? [severity, defaults] : severity;
}

/** A fenced block whose fence is longer than any run of backticks inside. */
function fenced(text: string, language = ''): string[] {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${language}`, text, fence];
}
