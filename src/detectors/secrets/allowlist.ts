import { characterStats } from './entropy';

/**
 * Values that have the shape of a secret but are not one: providers' published example keys,
 * placeholders people write in tutorials, and values read from elsewhere at run time.
 */

/**
 * Keys and tokens published in providers' documentation as examples (they are in countless
 * tutorials and grant nothing). Anything holding the word EXAMPLE is also treated as one.
 */
const PUBLISHED_EXAMPLES: ReadonlySet<string> = new Set([
  // AWS documentation (IAM user guide, CLI guide)
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  // jwt.io's default HS256 token
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  // PyJWT's README token ({"some": "payload"} signed with "secret")
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzb21lIjoicGF5bG9hZCJ9.4twFt5NiznN84AWoo1d7KO1T_yoc0Z6XOpOVswacPZg',
  // Stripe API reference test keys
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  // RFC 4122 / RFC 9562's example UUID, in countless API docs as a placeholder key
  '123e4567-e89b-12d3-a456-426614174000',
  // Slack's API documentation (bot token in the OAuth guides)
  'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
  // Telegram's Bot API documentation
  '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
  // GitHub's REST API documentation
  'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  // OAuth specifications' examples (RFC 6749 access/refresh tokens and client credentials, RFC 5849)
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  'SplxlOBeZQQYbYS6WxSbIA',
  'czZCaGRSa3F0MzpnWDFmQmF0M2JW',
  'gX1fBat3bV',
  '0685bd9184jfhq22',
  'ad180jjd733klru7',
  // Python's urllib documentation
  'geheim$parole',
  // Connection-string passwords from database documentation and official images
  'tiger', // SQLAlchemy / Oracle scott:tiger
  'mysecretpassword', // postgres image docs
  'my-secret-pw', // mysql image docs
]);

export function isPublishedExample(secret: string): boolean {
  return PUBLISHED_EXAMPLES.has(secret) || /example/i.test(secret);
}

/** Words that mark a value as a placeholder in any rule (tokens included). */
const PLACEHOLDER_WORDS = /x{4,}|#{3,}|\*{3,}|\.{3}|…|your|placeholder|redacted|dummy|sample|insert|replace|changeme|change_me|fixme|todo|<[^>]{0,40}>|\{\{?[^}]{0,40}\}/i;

/**
 * Extra words for generic assignments only, where the value is free text (`password = "test1234"`,
 * `token = "my-token-here"`). Provider tokens are random, so these are not applied to them.
 */
const GENERIC_PLACEHOLDER_WORDS =
  /pass(?:word|wd)|secret|token|api[_-]?key|test|fake|mock|foo|bar\b|baz|hello|qwerty|letmein|admin|default|none|null|undefined|string|value|here|enter|abc123|12345|abcdef|private|public|demo/i;

/** True for placeholders such as `YOUR_API_KEY`, `xxxx`, `<token>`, `{token}`, `sk-...`, `changeme`, `abc123xyz…`. */
export function isPlaceholder(secret: string, generic: boolean): boolean {
  if (PLACEHOLDER_WORDS.test(secret)) return true;
  if (isLowVariety(secret) || isSequential(secret)) return true;
  return generic && GENERIC_PLACEHOLDER_WORDS.test(secret);
}

/** `aaaaaaaa`, `abababab`, `00000000`: too few distinct characters for the length to be random. */
function isLowVariety(secret: string): boolean {
  if (secret.length < 8) return false;
  const { distinct } = characterStats(secret);
  return distinct <= 3 || (secret.length >= 20 && distinct <= 6);
}

/**
 * Typed by walking the alphabet: runs of three or more consecutive characters (`abcdefgh`,
 * `123456789`, `abc123xyz456`) make up half the value or more. Random base62 has a run of three
 * at a position with a chance of 1 in 3,844; a name with a date or a counter in it
 * (`cfgsecret_12345678`) has runs, but not mostly.
 */
export function isSequential(secret: string): boolean {
  if (secret.length < 8) return false;
  let inRuns = 0;
  let run = 1;
  for (let i = 1; i <= secret.length; i++) {
    const step = i < secret.length ? foldCase(secret.charCodeAt(i)) - foldCase(secret.charCodeAt(i - 1)) : 0;
    if (step === 1 && isAlnum(secret.charCodeAt(i))) {
      run++;
      continue;
    }
    if (run >= 3) inRuns += run;
    run = 1;
  }
  return inRuns * 2 >= secret.length;
}

function foldCase(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The text right after a value truncates it for documentation (`ghp_AbC…`, `sk-proj-abc...`). */
export function endsInEllipsis(text: string, end: number): boolean {
  return text.charCodeAt(end) === 0x2026 || text.startsWith('...', end);
}

/** A reference to a variable, not a value: `$DB_PASS`, `${TOKEN}`, `$(cat file)`, `%API_KEY%`, `{{ token }}`. */
export function isVariableReference(value: string): boolean {
  return /^\$[A-Za-z_{(]|^%[A-Za-z_][A-Za-z0-9_]*%$|^\{\{|^\{[A-Za-z_][\w.]*\}$/.test(value);
}

/** Run-time reads: the value is fetched, not written in the notebook. */
const RUNTIME_READ = /^(?:os\.|environ|getenv|getpass|input\(|process\.env|sys\.argv|config\b|settings\b|secrets?\.|st\.secrets|userdata|dbutils|vault|keyring|self\.|args\.|kwargs|request|none$|null$|true$|false$|undefined$)/i;

export function isRuntimeRead(value: string): boolean {
  return RUNTIME_READ.test(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The characters just before a value say it is a content hash: `sha256:`, `--hash=`, `integrity="sha512-`. */
const HASH_CONTEXT = /(?:sha(?:1|224|256|384|512)|md5|blake2b?|hash|digest|checksum|integrity|etag|commit|revision|rev)["']?\s{0,2}[:=@#-]{1,2}\s{0,2}["']?(?:sha(?:1|256|512)[:-])?$/i;

export function followsHashContext(text: string, start: number): boolean {
  return HASH_CONTEXT.test(text.slice(Math.max(0, start - 40), start));
}

/**
 * Spans of base64 payloads of data URIs (`data:image/png;base64,iVBOR…`), which hold images
 * and files in HTML outputs and are never secrets. Found with `indexOf`, so cheap when absent.
 */
export function dataUriPayloads(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(';base64,', from);
    if (at === -1) return spans;
    const start = at + 8;
    PAYLOAD.lastIndex = start;
    PAYLOAD.test(text);
    const end = PAYLOAD.lastIndex;
    if (end > start && isDataUri(text, at)) spans.push([start, end]);
    from = Math.max(end, start);
  }
}

// Base64 with the line continuations JS/HTML code puts in long literals.
const PAYLOAD = /[A-Za-z0-9+/=\\\r\n%]*/y;

function isDataUri(text: string, base64At: number): boolean {
  const head = text.slice(Math.max(0, base64At - 120), base64At);
  return /data:[\w.+-]{1,40}\/[\w.+-]{1,80}(?:;[\w.+-]{1,40}=[\w.+"-]{1,80}){0,4}$/i.test(head);
}
