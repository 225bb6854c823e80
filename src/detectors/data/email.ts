/**
 * Email addresses in text: found around each `@` by hand (no regex over the whole text), kept
 * only when the domain ends in a real top-level domain and is not a documentation placeholder.
 */
export interface EmailMatch {
  readonly start: number;
  readonly end: number;
  readonly local: string;
  readonly domain: string;
}

let tldSet: ReadonlySet<string> | undefined;

/** The IANA root zone's TLDs (from the `tlds` package), loaded on the first `@`. */
function tlds(): ReadonlySet<string> {
  tldSet ??= new Set(require('tlds') as string[]);
  return tldSet;
}

// RFC 2606 / 6761 / 6762 reserved names, and names people type when they mean "some domain".
const RESERVED_SUFFIXES = ['.test', '.example', '.invalid', '.localhost', '.local', '.internal', '.lan', '.home.arpa', '.corp'];
const PLACEHOLDER_DOMAINS = new Set([
  'example.com', 'example.org', 'example.net', 'example.edu',
  'domain.com', 'yourdomain.com', 'mydomain.com', 'somedomain.com', 'company.com', 'yourcompany.com',
  'mycompany.com', 'email.com', 'youremail.com', 'xxx.com', 'xyz.com', 'host.com', 'server.com', 'website.com',
  'users.noreply.github.com', 'noreply.github.com',
]);
// Mailboxes of systems and teams, not of a person.
const ROLE_LOCALS = new Set([
  'git', 'noreply', 'no-reply', 'donotreply', 'do-not-reply', 'mailer-daemon', 'postmaster', 'webmaster', 'hostmaster',
  'root', 'admin', 'administrator', 'info', 'support', 'help', 'contact', 'sales', 'office', 'team', 'hello', 'press',
  'security', 'abuse', 'privacy', 'legal', 'jobs', 'careers', 'feedback', 'notifications', 'bounce', 'bounces',
  'permissions', 'questions', 'comments', 'orders', 'billing', 'marketing', 'newsletter', 'subscriptions', 'service',
  'customerservice', 'editor', 'editors', 'bookquestions', 'errata', 'community', 'announce', 'list', 'lists',
]);
// Mailing-list command and owner addresses: `forteana-unsubscribe@`, `python-list-request@`.
const LIST_SUFFIX = /-(?:subscribe|unsubscribe|request|owner|bounces|help|join|leave|digest)$/;
const PLACEHOLDER_LOCALS = new Set([
  'you', 'your', 'yourname', 'your.name', 'your_name', 'youremail', 'your.email', 'your_email', 'username', 'user.name',
  'user_name', 'name', 'firstname.lastname', 'first.last', 'firstname', 'lastname', 'someone', 'somebody', 'email', 'xxx',
  'foo', 'bar', 'test', 'me', 'user', 'myname', 'my.name', 'address', 'mail', 'login',
]);
// Two-label "domains" that are really file names: `notes@draft.md`, `model@best.pt`.
const FILE_LIKE_TLDS = new Set(['py', 'sh', 'md', 'pt', 'pl', 'rs', 'so', 'ps', 'cc', 'zip', 'csv', 'json']);

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

function isLocalChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) ||
    code === 0x2e || code === 0x5f || code === 0x25 || code === 0x2b || code === 0x2d // . _ % + -
  );
}

function isDomainChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d;
}

/** Email addresses in `text[from, to)` with a real, non-placeholder domain. */
export function findEmails(text: string, from = 0, to = text.length): EmailMatch[] {
  const found: EmailMatch[] = [];
  let at = text.indexOf('@', from);
  while (at !== -1 && at < to) {
    const match = emailAround(text, at, from, to);
    if (match) found.push(match);
    at = text.indexOf('@', match ? match.end : at + 1);
  }
  return found;
}

function emailAround(text: string, at: number, from: number, to: number): EmailMatch | undefined {
  let start = at;
  while (start > from && at - start < MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
  while (start < at && text.charCodeAt(start) === 0x2e) start++; // a local part cannot start with a dot
  let end = at + 1;
  while (end < to && end - at <= MAX_DOMAIN && isDomainChar(text.charCodeAt(end))) end++;
  while (end > at + 1 && (text.charCodeAt(end - 1) === 0x2e || text.charCodeAt(end - 1) === 0x2d)) end--;
  if (start === at || end === at + 1) return undefined;
  const before = start > from ? text.charCodeAt(start - 1) : 0;
  // `://user@host` is a URL's user info; `@@` and `=@` are code.
  if (before === 0x2f || before === 0x3a || before === 0x40) return undefined;
  // `git@github.com:owner/repo` is an SSH remote, not a mailbox.
  if (end < to && text.charCodeAt(end) === 0x3a && end + 1 < to && text.charCodeAt(end + 1) !== 0x20) return undefined;
  const local = text.slice(start, at);
  const domain = text.slice(at + 1, end).toLowerCase();
  if (local.endsWith('.') || local.includes('..') || !validDomain(domain)) return undefined;
  if (isPlaceholder(local.toLowerCase(), domain)) return undefined;
  return { start, end, local, domain };
}

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label === '' || label.length > 63 || label.startsWith('-') || label.endsWith('-')) return false;
  }
  const tld = labels[labels.length - 1]!;
  if (!/^[a-z]{2,}$/.test(tld) || !tlds().has(tld)) return false;
  return !(labels.length === 2 && FILE_LIKE_TLDS.has(tld));
}

/** Documentation domains, reserved names, placeholder mailboxes and role accounts. */
export function isPlaceholder(local: string, domain: string): boolean {
  if (domain === 'localhost' || PLACEHOLDER_DOMAINS.has(domain)) return true;
  if (RESERVED_SUFFIXES.some((suffix) => domain.endsWith(suffix))) return true;
  if (/^example\.[a-z.]+$/.test(domain) || domain.endsWith('.example.com')) return true;
  // `a@b.com`, `x@y.org`: a one-letter name under a generic TLD is how code samples spell "some address"
  if (/^[a-z0-9]\.[a-z]+$/.test(domain)) return true;
  const plainLocal = local.replace(/\+.*$/, '');
  if (LIST_SUFFIX.test(plainLocal)) return true;
  return ROLE_LOCALS.has(plainLocal) || PLACEHOLDER_LOCALS.has(plainLocal) || /^(x+|a+|test\d*|user\d*)$/.test(plainLocal);
}
