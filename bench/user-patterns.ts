import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileRule, SecretScanner, type CompiledRule } from '../src/detectors/secrets';
import { compileGitleaksConfig } from '../src/detectors/secrets/gitleaks';
import { readNotebook } from '../src/notebook/read';
import { textSegments } from '../src/notebook/segments';
import { generateNotebooks, median } from './measure';

/**
 * `node dist/bench/user-patterns.js [folder]`: what user-supplied secret patterns cost now that
 * they run on RE2 (re2js), against the same patterns on JavaScript's RegExp (how custom and
 * gitleaks rules ran before). Rules in the shape of gitleaks' own: the provider template (a
 * keyword, an assignment, a value) for common and rare keywords, and prefixed tokens. Compile
 * time, then one scan of every text segment of the folder's notebooks (default: the corpus).
 */
const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real');
const RUNS = 5;

const template = (keyword: string, value: string): string =>
  String.raw`(?i)[\w.-]{0,50}?(?:${keyword})(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}(${value})(?:[\x60'"\s;]|\\[nr]|$)`;

/** id, RE2 source, keywords (gitleaks style); every source is also valid JavaScript once `(?i)` is a flag. */
const RULES: readonly [string, string, readonly string[]][] = [
  ['generic-api-key', template('access|auth|api|credential|creds|key|passw(?:or)?d|secret|token', String.raw`[\w.=-]{10,150}`), ['access', 'api', 'auth', 'key', 'credential', 'creds', 'passwd', 'password', 'secret', 'token']],
  ...['adafruit', 'airtable', 'algolia', 'asana', 'bitbucket', 'cloudflare', 'codecov', 'confluent', 'contentful', 'datadog'].map(
    (keyword): [string, string, readonly string[]] => [`${keyword}-key`, template(keyword, '[a-z0-9_-]{32}'), [keyword]],
  ),
  ['age-secret-key', 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}', ['age-secret-key-1']],
  ['anthropic-api-key', String.raw`\b(sk-ant-api03-[a-zA-Z0-9_\-]{93}AA)(?:[\x60'"\s;]|\\[nr]|$)`, ['sk-ant-api03']],
  ['aws-access-token', String.raw`\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b`, ['a3t', 'akia', 'asia', 'abia', 'acca']],
  ['github-pat', 'ghp_[0-9a-zA-Z]{36}', ['ghp_']],
  ['1password-service-account-token', 'ops_eyJ[a-zA-Z0-9+/]{250,}={0,3}', ['ops_']],
];

function gitleaksToml(): string {
  return RULES.map(([id, regex, keywords]) => `[[rules]]\nid = "${id}"\nregex = '''${regex}'''\nkeywords = [${keywords.map((k) => `"${k}"`).join(', ')}]\n`).join('\n');
}

function javascriptRules(): CompiledRule[] {
  return RULES.map(([id, regex, keywords]) => {
    const folded = regex.startsWith('(?i)');
    const pattern = new RegExp(folded ? regex.slice(4) : regex, folded ? 'i' : '');
    const groups = new RegExp(`${pattern.source}|`).exec('')!.length - 1;
    return compileRule({ id: `gitleaks:${id}`, description: id, category: 'custom', kind: 'token', keywords, pattern, secretGroup: Array.from({ length: groups }, (_, i) => i + 1) });
  });
}

function timed(run: () => void): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

function main(): void {
  let folder = process.argv[2];
  if (!folder) {
    folder = existsSync(CORPUS) ? CORPUS : path.join(tmpdir(), 'nbguard-bench-generated');
    if (!existsSync(folder)) generateNotebooks(folder, 400);
  }
  const files = readdirSync(folder, { recursive: true }).map(String).filter((f) => f.endsWith('.ipynb'));
  const segments = files.flatMap((file) => {
    const read = readNotebook(readFileSync(path.join(folder!, file)), file);
    return read.ok ? textSegments(read.notebook).map((s) => s.text) : [];
  });
  const chars = segments.reduce((sum, text) => sum + text.length, 0);
  console.log(`folder: ${folder}\n${files.length} notebooks, ${segments.length} text segments, ${(chars / 1e6).toFixed(1)} M chars; ${RULES.length} rules\n`);

  const toml = gitleaksToml();
  const compileRe2 = timed(() => compileGitleaksConfig(toml));
  const compileJs = timed(() => javascriptRules());
  const re2 = new SecretScanner(compileGitleaksConfig(toml).rules);
  const js = new SecretScanner(javascriptRules());
  let foundRe2: string[] = [];
  let foundJs: string[] = [];
  const found = (scanner: SecretScanner): string[] => segments.flatMap((text, i) => scanner.scan(text).map((m) => `${i} ${m.ruleId} ${m.start} ${m.end}`));
  const scanRe2 = timed(() => (foundRe2 = found(re2)));
  const scanJs = timed(() => (foundJs = found(js)));
  console.log(`${'median of 5'.padEnd(28)}  JavaScript RegExp      RE2 (re2js)`);
  console.log(`${'compile the rules (ms)'.padEnd(28)}  ${compileJs.toFixed(1).padStart(17)}  ${compileRe2.toFixed(1).padStart(15)}`);
  console.log(`${'scan every segment (ms)'.padEnd(28)}  ${scanJs.toFixed(0).padStart(17)}  ${scanRe2.toFixed(0).padStart(15)}   (${(scanRe2 / scanJs).toFixed(2)}×)`);
  const same = JSON.stringify(foundJs) === JSON.stringify(foundRe2);
  console.log(`${'findings'.padEnd(28)}  ${String(foundJs.length).padStart(17)}  ${String(foundRe2.length).padStart(15)}   (${same ? 'the same' : 'different'})`);
}

main();
