import type { SecretRuleSpec } from '../types';
import { mixedRandom, rx, token } from './build';

/** CI/CD, build, code-quality and developer platforms. Formats from each provider's documentation. */
export const DEVOPS_RULES: readonly SecretRuleSpec[] = [
  // Atlassian Data Center (Bitbucket, Jira, Confluence) HTTP access tokens carry the product prefix.
  token('bitbucket-data-center-token', 'Bitbucket Data Center HTTP access token', 'code-hosting', ['bbdc-'], 'BBDC-[A-Za-z0-9+/_=-]{40,64}', {
    end: '(?![A-Za-z0-9_+/=-])',
    minEntropy: 4,
  }),
  // Atlassian Connect / admin API keys, next to the ATATT API tokens of code-hosting.ts.
  token('atlassian-admin-api-key', 'Atlassian admin / Connect API key', 'code-hosting', ['atctt3', 'atstt3'], 'AT[CS]TT3[A-Za-z0-9_=-]{150,300}', {
    end: '(?![A-Za-z0-9_=-])',
    minEntropy: 4,
    anchored: true,
  }),
  token('circleci-token', 'CircleCI personal / project API token', 'code-hosting', ['ccipat_', 'cciprj_'], 'CCIP(?:AT|RJ)_[A-Za-z0-9]{20,24}_[a-f0-9]{40}', { anchored: true }),
  token('buildkite-token', 'Buildkite API access token', 'code-hosting', ['bkua_'], 'bkua_[a-f0-9]{40}'),
  token('sonar-token', 'SonarQube / SonarCloud token', 'code-hosting', ['squ_', 'sqp_', 'sqa_'], 'sq[upa]_[a-f0-9]{40}', { anchored: true }),
  token('octopus-deploy-api-key', 'Octopus Deploy API key', 'code-hosting', ['api-'], 'API-[A-Z0-9]{26,32}', { end: '(?![A-Za-z0-9])', minEntropy: 3.8 }),
  token('harness-token', 'Harness personal / service account token', 'code-hosting', ['pat.', 'sat.'], String.raw`(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20}`, {
    anchored: true,
  }),
  token('youtrack-token', 'YouTrack / JetBrains Hub permanent token', 'code-hosting', ['perm:', 'perm-'], String.raw`perm[:-][A-Za-z0-9+/=]{4,60}\.[A-Za-z0-9+/=_-]{4,60}\.[A-Za-z0-9]{30}`, {
    anchored: true,
  }),
  {
    // `{"typ": "TCV2"}` in base64, then two random parts.
    id: 'teamcity-token',
    description: 'TeamCity access token',
    category: 'code-hosting',
    kind: 'token',
    keywords: ['eyj0exaioiaivenwmij9'],
    anchored: true,
    pattern: rx(String.raw`(?<secret>eyJ0eXAiOiAiVENWMiJ9\.[A-Za-z0-9_-]{30,40}\.[A-Za-z0-9_-]{40,60})(?![A-Za-z0-9_-])`),
    minEntropy: 4,
  },
  token('gitlab-feature-flag-token', 'GitLab feature flags client token', 'code-hosting', ['glffct-'], 'glffct-[A-Za-z0-9_-]{20,300}'),
  token('docker-hub-org-token', 'Docker Hub organization access token', 'code-hosting', ['dckr_oat_'], 'dckr_oat_[A-Za-z0-9_-]{27,40}'),
  token('segment-api-token', 'Segment public API token', 'code-hosting', ['sgp_'], 'sgp_[A-Za-z0-9]{64}'),
  token('deno-deploy-token', 'Deno Deploy access token', 'code-hosting', ['ddp_', 'ddw_'], 'dd[pw]_[A-Za-z0-9]{36}', { anchored: true }),
  token('infracost-api-key', 'Infracost API key', 'code-hosting', ['ico-'], 'ico-[A-Za-z0-9]{32}'),
  token('frameio-token', 'Frame.io developer token', 'code-hosting', ['fio-u-'], 'fio-u-[A-Za-z0-9_=-]{64}', { end: '(?![A-Za-z0-9_=-])' }),
  token('rootly-api-key', 'Rootly API key', 'code-hosting', ['rootly_'], 'rootly_[a-f0-9]{64}'),
  token('scalingo-token', 'Scalingo API token', 'code-hosting', ['tk-us-'], 'tk-us-[A-Za-z0-9_-]{48}'),
  token('defined-networking-key', 'Defined Networking API key', 'code-hosting', ['dnkey-'], 'dnkey-[A-Za-z0-9=_-]{26}-[A-Za-z0-9=_-]{52}'),
  // LaunchDarkly: `api-`, `sdk-` or `mob-` and a UUID.
  token('launchdarkly-key', 'LaunchDarkly API / SDK key', 'code-hosting', ['api-', 'sdk-', 'mob-'], '(?:api|sdk|mob)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', { anchored: true }),
  token('statsig-server-secret', 'Statsig server secret key', 'code-hosting', ['secret-'], 'secret-[A-Za-z0-9]{40,50}', { minEntropy: 4, validators: [mixedRandom] }),
  {
    // Unleash API tokens: `<project>:<environment>.<64 hex>`.
    id: 'unleash-api-token',
    description: 'Unleash API token',
    category: 'code-hosting',
    kind: 'token',
    keywords: [':production.', ':development.', ':staging.'],
    pattern: rx(String.raw`(?<![A-Za-z0-9_*-])(?<secret>[A-Za-z0-9_*-]{1,40}:(?:production|development|staging)\.[a-f0-9]{64})(?![A-Za-z0-9])`),
    minEntropy: 3,
  },
  token('trello-token', 'Trello API token', 'code-hosting', ['atta'], 'ATTA[A-Fa-f0-9]{64,72}', { end: '(?![A-Za-z0-9])' }),
  token('postman-collection-key', 'Postman collection access key', 'code-hosting', ['pmat-'], 'PMAT-[A-Z0-9]{26}'),
];
