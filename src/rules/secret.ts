import type { CompiledRule, SecretScanner } from '../detectors/secrets';
import type { CustomSecretRuleDef } from '../detectors/secrets/custom';
import { packageSchema } from '../schemas/package-schema';
import { redact, secretHash } from '../detectors/redact';
import { formatPath } from '../notebook/json';
import { textSegments, type TextSegment } from '../notebook/segments';
import { defineRule } from '../rule-api/rule';
import { remember } from '../rule-api/text-memo';
import { lazy } from '../util/lazy';
import type * as CustomModule from '../detectors/secrets/custom';
import type * as GitleaksModule from '../detectors/secrets/gitleaks';
import type * as SecretsModule from '../detectors/secrets';

// Custom-rule support (a schema compiler) and gitleaks support (TOML, a RE2 translator): loaded only when the options use them.
const customModule = lazy((): typeof CustomModule => require('../detectors/secrets/custom'));
const gitleaksModule = lazy((): typeof GitleaksModule => require('../detectors/secrets/gitleaks'));
// The catalog of provider formats (~10 ms to load): needed to scan, not to know the rule. A run
// that scans nothing (every file from the result cache, `strip`, the rule off) never loads it.
const secretsModule = lazy((): typeof SecretsModule => require('../detectors/secrets'));

export interface SecretRuleOptions {
  /** Extra rules (schema: schemas/custom-secret-rules.schema.json). */
  readonly customRules?: readonly CustomSecretRuleDef[];
  /** The text of a gitleaks config (`.gitleaks.toml`), read by the entry point. */
  readonly gitleaksConfig?: string;
  /** Ids of built-in secret rules to turn off (each finding names its rule id in brackets). */
  readonly disable?: readonly string[];
}

// The custom and gitleaks rule compilers are required only when the options use them (see below).
const { $schema: _schema, $id: _id, ...customRulesSchema } = packageSchema('custom-secret-rules.schema.json');

export const secretRule = defineRule<SecretRuleOptions>({
  meta: {
    id: 'secret',
    description: 'Credentials in sources, outputs and metadata: API keys, tokens, private keys, passwords',
    defaultSeverity: 'error',
    fixable: false,
    security: true,
    docs: {
      // The catalog's size is read only when the docs are (`nbguard rules`, `npm run docs`).
      get what() {
        return (
          `A cell source, an output (printed text, results, tracebacks, HTML) or a metadata value holds a credential: one of ` +
          `${secretsModule().CATALOG.length} provider formats (AWS, GCP, Azure, GitHub, GitLab, OpenAI, Anthropic, Hugging Face, Slack, Stripe, …), ` +
          'a private key block, a JSON Web Token, a connection URL with a password, or a password / API key assigned in code, ' +
          'YAML, INI, env dumps or printed dicts. Notebook text is decoded first, so JSON escapes, lines split over list ' +
          'items and colour codes in tracebacks hide nothing.'
        );
      },
      why:
        'A pushed credential is a leaked credential: git history keeps it after the cell is fixed, and scanners that ' +
        'harvest public repositories find it within minutes. Outputs are the sneaky part: a printed config or an ' +
        'exception shows a token that the code itself reads from the environment.',
      example: 'openai.api_key = "sk-proj-…"        # in a cell\n{"AWS_SECRET_ACCESS_KEY": "…"}      # in a printed dict',
      fix:
        'Revoke the credential at its provider first; then read it at run time (`os.environ[...]`, `getpass()`, a ' +
        'secrets manager) and strip the outputs. To keep a known, harmless value: `# nbguard: ignore[secret]` on its ' +
        'line, the cell tag `nbguard-ignore`, or record it with `nbguard baseline` (which stores only a salted scrypt hash of it).',
    },
    messages: {
      /** `GitHub personal access token ghp_…Q7r8 in cell 3 source [github-pat]`: only a redacted form of the secret. */
      found: '{{description}} {{secret}} in {{where}} [{{detector}}]',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        customRules: customRulesSchema,
        gitleaksConfig: { type: 'string', description: 'Contents of a gitleaks TOML configuration whose rules to add.' },
        disable: {
          type: 'array',
          description: 'Ids of built-in secret rules to turn off.',
          get items() {
            return { enum: secretsModule().CATALOG.map((rule) => rule.id) };
          },
        },
      },
    },
  },
  defaultOptions: {},
  optionsProblems: (options) => secretOptionsProblems(options),
  check(notebook, context) {
    const scanner = scannerFor(context.options);
    // One output often shows the same data twice (`text/plain` and `text/html` of a data frame):
    // a secret is reported once per output.
    const seenInOutput = new Set<string>();
    for (const segment of textSegments(notebook)) {
      const { text, offset } = withKeyName(segment);
      const code = isCode(segment);
      // The scan depends on the scanner, the text, whether it is code, and the path only for rules limited to some paths.
      const variant = scanner.readsPath ? `${code ? 'code' : 'text'}\0${notebook.path}` : code ? 'code' : 'text';
      const matches = remember(context.memo, scanner, variant, text, () => scanner.scan(text, { isCode: code, filePath: notebook.path }));
      for (const match of matches) {
        if (match.start < offset) continue; // in the key name we added, not in the value
        if (match.start - offset >= segment.ownEnd) continue; // the next piece of a huge text reports it
        const hash = secretHash(match.secret);
        if (segment.kind === 'mime' && segment.output) {
          const key = `${segment.output.path.join('/')}\0${hash}`;
          if (seenInOutput.has(key)) continue;
          seenInOutput.add(key);
        }
        const start = segment.toValueIndex(Math.max(offset, match.reportStart) - offset);
        const end = segment.toValueIndex(match.reportEnd - offset);
        context.report({
          messageId: 'found',
          data: { description: match.description, secret: redact(match.secret), where: placeName(segment), detector: match.ruleId },
          // Text readers never see (a shadowed duplicate) is placed by its file offset; strip removes it.
          site: segment.fileOffset ? { path: segment.path, offset: segment.fileOffset(start) } : { path: segment.path, index: start, length: end - start },
          ...(segment.fileOffset ? { removedByStrip: true } : {}),
          hash,
          ...(match.severity ? { severity: match.severity } : {}),
        });
      }
    }
  },
});

/**
 * What is wrong in a `secret` options object beyond its JSON schema: custom rules whose pattern
 * does not compile or could backtrack exponentially, gitleaks rules that cannot be translated.
 * For config loaders to report; the rule itself runs the valid rules and skips the others.
 */
export function secretOptionsProblems(options: SecretRuleOptions): string[] {
  const problems = options.customRules ? customModule().compileCustomRules(options.customRules).errors : [];
  if (options.gitleaksConfig !== undefined) problems.push(...gitleaksModule().compileGitleaksConfig(options.gitleaksConfig).problems);
  return problems;
}

/** Scanners for option sets other than the defaults, built once per options object. */
const scanners = new WeakMap<object, SecretScanner>();
const gitleaksCache = new Map<string, CompiledRule[]>();

function scannerFor(options: SecretRuleOptions): SecretScanner {
  const { customRules = [], gitleaksConfig, disable = [] } = options;
  const { builtInScanner, SecretScanner } = secretsModule();
  if (customRules.length === 0 && gitleaksConfig === undefined && disable.length === 0) return builtInScanner();
  let scanner = scanners.get(options);
  if (!scanner) {
    const off = new Set(disable);
    const rules = builtInScanner().rules.filter((rule) => !off.has(rule.id));
    // Problems in custom or gitleaks rules are reported by the entry point that loaded them;
    // here the valid rules simply run.
    rules.push(...customModule().compileCustomRules(customRules).rules);
    if (gitleaksConfig !== undefined) rules.push(...gitleaksRules(gitleaksConfig));
    scanner = new SecretScanner(rules);
    scanners.set(options, scanner);
  }
  return scanner;
}

function gitleaksRules(text: string): CompiledRule[] {
  let rules = gitleaksCache.get(text);
  if (!rules) {
    rules = gitleaksModule().compileGitleaksConfig(text).rules;
    gitleaksCache.set(text, rules);
  }
  return rules;
}

/** Cell magics whose body is not Python: there `NAME=value` is a literal value. */
const NON_PYTHON_MAGIC = /^\s*%%(?:bash|sh|script|writefile|file|html|javascript|js|latex|markdown|svg|perl|ruby|cmd|powershell|sql)\b/;

function isCode(segment: TextSegment): boolean {
  return segment.kind === 'source' && segment.cell?.cellType === 'code' && !NON_PYTHON_MAGIC.test(segment.text);
}

/**
 * A metadata value or a string in JSON output is scanned with its key in front (`api_key: …`),
 * so that rules recognising a credential by its name see it, as they would in code.
 */
function withKeyName(segment: TextSegment): { text: string; offset: number } {
  // A JSON output's own value sits at depth 6 (cells, i, outputs, j, data, mime): deeper, a key names it.
  const named = segment.kind === 'metadata' || segment.kind === 'field' || segment.kind === 'shadowed' || (segment.kind === 'mime' && segment.depth > 6);
  const key = segment.keyName;
  if (!named || key === undefined || key.length > 64 || !/^[A-Za-z_][\w.-]*$/.test(key)) return { text: segment.text, offset: 0 };
  const prefix = `${key}: `;
  return { text: prefix + segment.text, offset: prefix.length };
}

/** Steps of a path shown in a message at most: deep metadata must not make it grow with the depth. */
const PATH_STEPS = 10;

function placeName(segment: TextSegment): string {
  switch (segment.kind) {
    case 'source':
      return 'cell source';
    case 'stream':
      return 'stream output';
    case 'mime':
      return `${segment.mime ?? 'rich'} output`;
    case 'error':
      return segment.path.includes('traceback') ? 'traceback' : 'error output';
    case 'metadata':
      return segment.output ? 'output metadata' : segment.cell ? 'cell metadata' : 'notebook metadata';
    case 'attachment-name':
      return 'attachment name';
    case 'field':
      return formatPath(segment.path, PATH_STEPS);
    case 'shadowed':
      return `a member hidden by a duplicate key in ${formatPath(segment.path, PATH_STEPS)}`;
  }
}
