import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { secretHash } from '../../src/detectors/redact';
import { secretFingerprint } from '../../src/report/secret-fingerprint';
import type { JsonObject } from '../../src/notebook/json';
import { codeCell, jupyterJson, markdownCell, notebookJson, resultOutput, streamOutput } from '../helpers/notebook';
import { FAKES, named, type Fake } from '../secrets/fakes';
import { ALNUM, mixed, Rng } from '../secrets/random';

/**
 * Fake secrets planted in every place nbguard scans, one notebook per place, each secret fresh
 * (built at test time with the right shape, never real): what the leak tests look for in every
 * output nbguard writes.
 */
export interface Planted {
  /** The notebook it is in. */
  readonly file: string;
  /** The secret rule id that must report it. */
  readonly rule: string;
  /** The secret as findings hash it. */
  readonly secret: string;
}

/** Kinds planted everywhere: a secret-shaped fake and the rule that must find it. */
const KINDS = ['github-pat', 'aws-secret-access-key-paired', 'slack-bot-token', 'private-key-rsa', 'generic-password', 'jwt'] as const;
/** Kinds that fit on one line (an attachment name). */
const ONE_LINE_KINDS = ['github-pat', 'slack-bot-token', 'jwt', 'aws-access-key-id'] as const;

/** Length of the pieces of a secret that must never be printed (`redact` shows at most 4 characters). */
export const PIECE = 12;

const TRACEBACK_RED = '\u001b[0;31m';
const TRACEBACK_RESET = '\u001b[0m';

export class Plantation {
  readonly planted: Planted[] = [];
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  /** A fresh fake of `kind`, recorded as planted in `file` (with the key ID an AWS pair also holds). */
  fake(kind: string, file: string): Fake {
    const fake = kind === 'generic-password' ? named('DB_PASSWORD', `${mixed(this.rng, 16, ALNUM)}!${this.rng.int(10, 99)}`) : FAKES[kind]!(this.rng);
    this.planted.push({ file, rule: kind, secret: fake.secret });
    for (const also of fake.also ?? []) this.planted.push({ file, rule: 'aws-access-key-id', secret: also });
    return fake;
  }

  /** Fakes of every kind for `file`. */
  private all(file: string): Fake[] {
    return KINDS.map((kind) => this.fake(kind, file));
  }

  /** The notebooks, by file name: one per place nbguard looks. */
  notebooks(): Record<string, string> {
    const books: Record<string, JsonObject> = {};
    const place = (file: string, build: (fakes: Fake[]) => JsonObject): void => {
      books[file] = build(this.all(file));
    };
    place('code-source.ipynb', (fakes) => {
      // Tokens pasted bare are also names no cell defines: the hidden-state finding must not show them.
      const bare = this.fake('github-pat', 'code-source.ipynb');
      const keyId = this.fake('aws-access-key-id', 'code-source.ipynb');
      return notebookJson([codeCell(`${fakes.map((fake) => fake.code).join('\n')}\nclient = Github(${bare.secret})\nprint(${keyId.secret})\n`)]);
    });
    place('markdown-source.ipynb', (fakes) => notebookJson([markdownCell(`# Setup\n\n${fakes.map((fake) => fake.printed).join('\n\n')}\n`)]));
    place('stream-output.ipynb', (fakes) =>
      notebookJson([codeCell('print(config)\n', { execution_count: 1, outputs: fakes.map((fake) => streamOutput(`${fake.printed}\n`)) })]),
    );
    place('result-text-plain.ipynb', (fakes) =>
      notebookJson([codeCell('config\n', { execution_count: 1, outputs: fakes.map((fake, i) => resultOutput({ 'text/plain': [fake.repr] }, i + 1)) })]),
    );
    place('result-text-html.ipynb', (fakes) =>
      notebookJson([
        codeCell('HTML(config)\n', {
          execution_count: 1,
          outputs: fakes.map((fake, i) => resultOutput({ 'text/html': [`<pre>${fake.printed}</pre>`], 'text/plain': ['<IPython.core.display.HTML object>'] }, i + 1)),
        }),
      ]),
    );
    place('error-traceback.ipynb', (fakes) =>
      notebookJson([
        codeCell('connect()\n', {
          execution_count: 1,
          outputs: fakes.map((fake) => ({
            output_type: 'error',
            ename: 'ValueError',
            evalue: 'invalid credentials',
            traceback: [`${TRACEBACK_RED}---------------------------------------${TRACEBACK_RESET}`, `${TRACEBACK_RED}ValueError${TRACEBACK_RESET}: invalid credentials\n${fake.printed}`],
          })),
        }),
      ]),
    );
    place('cell-metadata.ipynb', (fakes) =>
      notebookJson(fakes.map((fake) => codeCell('run()\n', { metadata: { papermill: { parameters: { [fake.metadata.key]: fake.metadata.value } } } }))),
    );
    place('notebook-metadata.ipynb', (fakes) =>
      notebookJson([codeCell('run()\n')], { credentials: Object.fromEntries(fakes.map((fake) => [fake.metadata.key, fake.metadata.value])) }),
    );
    const attachments: JsonObject = {};
    for (const kind of ONE_LINE_KINDS) attachments[`${this.fake(kind, 'attachment-name.ipynb').secret} copy.png`] = { 'image/png': 'iVBORw0KGgo=' };
    books['attachment-name.ipynb'] = notebookJson([markdownCell('See the screenshot.\n', { attachments })]);
    return Object.fromEntries(Object.entries(books).map(([file, book]) => [file, jupyterJson(book)]));
  }
}

/** Writes `files` (name → content) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * The planted secrets of which some piece of `PIECE` characters appears in `text` (colour codes
 * removed first, so that colouring cannot hide a leak), as `rule in file at offset` lines.
 */
export function leaks(text: string, secrets: readonly Pick<Planted, 'file' | 'rule' | 'secret'>[]): string[] {
  const plain = text.replace(ANSI, '');
  const pieces = new Set<string>();
  for (let at = 0; at + PIECE <= plain.length; at++) pieces.add(plain.slice(at, at + PIECE));
  const found: string[] = [];
  for (const { file, rule, secret } of secrets) {
    for (let at = 0; at + PIECE <= secret.length; at++) {
      if (pieces.has(secret.slice(at, at + PIECE))) {
        found.push(`${rule} planted in ${file}: "${secret.slice(at, at + PIECE)}" (at ${at}) is shown`);
        break;
      }
    }
  }
  return found;
}

/** The findings of a `check --format json` document that carry each planted secret's fingerprint and rule. */
export function undetected(json: string, planted: readonly Planted[]): string[] {
  const document = JSON.parse(json) as { files: { path: string; findings: { rule: string; message: string; fingerprint?: string }[] }[] };
  return planted
    .filter(({ file, rule, secret }) => {
      const report = document.files.find((f) => path.basename(f.path) === file);
      const fingerprint = report && secretFingerprint(secretHash(secret), 'secret', report.path);
      return !report?.findings.some((f) => f.rule === 'secret' && f.fingerprint === fingerprint && f.message.endsWith(`[${rule}]`));
    })
    .map(({ file, rule }) => `${rule} in ${file}`);
}
