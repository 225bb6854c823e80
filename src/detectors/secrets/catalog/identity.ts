import type { SecretRuleSpec } from '../types';
import { assigned, rx } from './build';

/** Identity providers, password and secrets managers. */
export const IDENTITY_RULES: readonly SecretRuleSpec[] = [
  {
    // Bitwarden Secrets Manager machine-account access tokens: `0.<uuid>.<secret>:<key in base64>==`.
    // Its literal start, `0.`, is in every line of numeric output: the rule runs near a Bitwarden word.
    id: 'bitwarden-access-token',
    description: 'Bitwarden Secrets Manager access token',
    category: 'saas',
    kind: 'token',
    keywords: ['bws', 'bitwarden'],
    contextOnly: true,
    pattern: rx(
      String.raw`(?<![A-Za-z0-9_.-])(?<secret>0\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9]{30}:[A-Za-z0-9+/]{22}==)(?![A-Za-z0-9+/=])`,
    ),
    minEntropy: 3,
  },
  assigned(
    'onelogin-client-secret',
    'OneLogin API client secret',
    'saas',
    ['onelogin', 'one_login', 'one-login'],
    String.raw`one[_.-]?login[_.-]?(?:api[_.-]?)?(?:client[_.-]?)?secret`,
    '[a-f0-9]{64}',
  ),
  assigned('auth0-client-secret', 'Auth0 client secret', 'saas', ['auth0'], String.raw`auth0[_.-]?(?:client[_.-]?)?secret`, '[A-Za-z0-9_-]{64}', { minEntropy: 4 }),
  assigned('duo-secret-key', 'Duo API secret key', 'saas', ['duo'], String.raw`duo[_.-]?(?:api[_.-]?)?(?:secret[_.-]?key|skey)`, '[A-Za-z0-9]{40}', { minEntropy: 4 }),
  assigned('jumpcloud-api-key', 'JumpCloud API key', 'saas', ['jumpcloud'], 'jumpcloud', '[a-f0-9]{40}'),
];
