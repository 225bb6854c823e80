import { isPlaceholder, isRuntimeRead } from '../allowlist';
import { characterClasses, shannonEntropy } from '../entropy';
import type { Candidate, SecretRuleSpec, Validator } from '../types';
import { preceded, rx } from './build';
import { plausibleUrlPassword } from './urls';

/**
 * Values without a shape of their own (UUIDs, hex, base64) that the text around them marks as a
 * credential: an `.npmrc` auth line, an HTTP authentication header, `curl -u user:password`, a
 * provider whose API keys are UUIDs. They run after the provider rules and before the generic
 * assignment rules, which ignore UUIDs.
 */

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const HEADER_VALUE = '[A-Za-z0-9._~+/=:-]{16,500}';

/**
 * In code, a header value must be written out: quoted (`"X-Api-Key": "…"`), or inside the same
 * string as the header name (`-H "X-Api-Key: …"`). `{"X-Api-Key": api_key}` names a variable.
 */
function writtenOut(candidate: Candidate): boolean {
  if (!candidate.isCode) return true;
  const before = candidate.text[candidate.start - 1];
  if (before === '"' || before === "'" || candidate.groups['scheme'] !== undefined) return true;
  const head = candidate.text.slice(candidate.matchStart, candidate.start);
  const opener = candidate.text[candidate.matchStart - 1];
  return !/["']/.test(head) && (opener === '"' || opener === "'");
}

/** A random-looking value: not a placeholder, a run-time read, a number or a dotted name. */
const randomValue: Validator = (candidate) => {
  const value = candidate.secret;
  if (isPlaceholder(value, true) || isRuntimeRead(value)) return false;
  if (/^[0-9.:-]+$/.test(value) || /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(value)) return false;
  return characterClasses(value) >= 2 && shannonEntropy(value) >= 3;
};

const HEADER_NAMES = [
  'x-api-key', 'x-apikey', 'x-api-token', 'x-auth-token', 'x-access-token', 'x-secret-key', 'private-token', 'api-key',
  'x-postmark-server-token', 'x-postmark-account-token', 'x-vault-token', 'x-figma-token', 'x-shopify-access-token',
  'x-goog-api-key', 'x-dd-api-key', 'x-dd-application-key', 'xi-api-key', 'x-riot-token', 'x-cmc_pro_api_key', 'x-tracker-token',
];

/** Schemes of `Authorization:` other than Bearer and Basic, which have their own rules. */
const AUTH_SCHEMES = 'token|splunk|geniekey|ssws|bot|key|apikey|api-key|sso-key|dsn|klaviyo-api-key|digest-token';

export const CONTEXT_RULES: readonly SecretRuleSpec[] = [
  {
    // `//registry.npmjs.org/:_authToken=<token>` (often a UUID for older npm tokens and other registries).
    id: 'npmrc-auth-token',
    description: 'Registry auth token (.npmrc)',
    category: 'generic',
    kind: 'contextual',
    keywords: ['_authtoken', '_password'],
    anchored: true,
    // The key starts a line or follows the registry's `:` (`db_password: …` is another rule's).
    pattern: rx(String.raw`(?<![^:\s"'])_(?:authToken|password)[ \t]{0,3}=[ \t]{0,3}["']?(?<secret>[A-Za-z0-9._~+/=-]{16,400})(?![A-Za-z0-9._~+/=-])`),
    validators: [randomValue],
  },
  {
    id: 'api-key-header',
    description: 'API key in an HTTP header',
    category: 'generic',
    kind: 'contextual',
    keywords: HEADER_NAMES,
    anchored: true,
    pattern: rx(String.raw`(?<![A-Za-z0-9_-])(?:${HEADER_NAMES.join('|')})(?![A-Za-z0-9_-])["']?[ \t]{0,3}[:=,][ \t]{0,3}["']?(?<secret>${HEADER_VALUE})(?![A-Za-z0-9._~+/=:-])`, 'i'),
    validators: [writtenOut, randomValue],
  },
  {
    // `Authorization: <uuid>`, `Authorization: token <…>`, `Authorization: Splunk <uuid>`, …
    id: 'authorization-header',
    description: 'Credential in an Authorization header',
    category: 'generic',
    kind: 'contextual',
    keywords: ['authorization'],
    anchored: true,
    pattern: rx(
      String.raw`(?<![A-Za-z0-9_])authorization(?![A-Za-z0-9_-])["']?[ \t]{0,3}[:=,][ \t]{0,3}["']?(?:(?<scheme>${AUTH_SCHEMES})[ \t]{1,3})?(?<secret>${HEADER_VALUE})(?![A-Za-z0-9._~+/=:-])`,
      'i',
    ),
    validators: [writtenOut, randomValue, (candidate) => !/^(?:bearer|basic)$/i.test(candidate.secret)],
  },
  {
    // Providers whose API keys are UUIDs: the name must hold the provider and a credential word.
    id: 'uuid-api-key',
    description: 'API key (UUID) of Heroku, Snyk, Codecov, Postmark, Opsgenie, Splunk or a similar provider',
    category: 'generic',
    kind: 'contextual',
    keywords: ['heroku', 'snyk', 'codecov', 'postmark', 'opsgenie', 'railway', 'launchdarkly', 'splunk', 'hec_', 'hec-', 'sumo', 'bugsnag', 'exa_', 'octopus', 'atlas', 'scw_', 'scw-', 'scaleway'],
    anchored: true,
    pattern: rx(
      String.raw`(?<![A-Za-z0-9])(?:heroku|snyk|codecov|postmark|opsgenie|railway|launchdarkly|splunk|hec[_-]|sumo|bugsnag|exa_|octopus|atlas|scw[_-]|scaleway)[A-Za-z0-9_.-]{0,24}(?:key|token|secret|password|auth)[A-Za-z0-9_]{0,12}["'\]]{0,2}[ \t]{0,5}(?::=|=>|[:=(])[ \t]{0,5}["']?(?<secret>${UUID})(?![A-Za-z0-9-])`,
      'i',
    ),
    validators: [randomValue],
  },
  {
    // `curl -u user:password …` and `wget --password=…` on a command line.
    id: 'command-line-password',
    description: 'Password on a curl / wget command line',
    category: 'generic',
    kind: 'contextual',
    keywords: ['-u', '--user', '--password', '--http-password'],
    anchored: true,
    pattern: rx(
      String.raw`(?<=[\s"'])(?:(?:-u|--user)(?:[ \t]{1,3}|=)["']?(?<user>[^\s:'"$]{1,64}):(?<secret>[^\s'"@]{1,128})|--(?:http-)?password(?:[ \t]{1,3}|=)["']?(?<password>[^\s'"$]{1,128}))(?=["']?(?:\s|$))`,
    ),
    secretGroup: ['secret', 'password'],
    validators: [preceded(/\b(?:curl|wget|http)\b[^\n]{0,300}$/, 320), (candidate) => plausibleUrlPassword(candidate)],
  },
];
