import type { SecretRuleSpec } from '../types';
import { githubChecksum } from '../validators';
import { token } from './build';

const GITHUB_BODY = '[A-Za-z0-9]{36}';

/** Code hosting and package registries. */
export const CODE_HOSTING_RULES: readonly SecretRuleSpec[] = [
  // GitHub: prefix, 30 random base62 characters, CRC32 checksum in 6 base62 characters.
  token('github-pat', 'GitHub personal access token', 'code-hosting', ['ghp_'], `ghp_${GITHUB_BODY}`, { validators: [githubChecksum], vetoOnFailure: true }),
  token('github-oauth-token', 'GitHub OAuth access token', 'code-hosting', ['gho_'], `gho_${GITHUB_BODY}`, { validators: [githubChecksum], vetoOnFailure: true }),
  token('github-app-user-token', 'GitHub App user-to-server token', 'code-hosting', ['ghu_'], `ghu_${GITHUB_BODY}`, { validators: [githubChecksum], vetoOnFailure: true }),
  token('github-app-installation-token', 'GitHub App installation (server-to-server) token', 'code-hosting', ['ghs_'], `ghs_${GITHUB_BODY}`, {
    validators: [githubChecksum],
    vetoOnFailure: true,
  }),
  token('github-refresh-token', 'GitHub refresh token', 'code-hosting', ['ghr_'], `ghr_${GITHUB_BODY}`, { validators: [githubChecksum], vetoOnFailure: true }),
  // Fine-grained PATs: 22-character id, underscore, 59 characters (GitHub does not document a
  // checksum for these, so the shape and entropy decide).
  token('github-fine-grained-pat', 'GitHub fine-grained personal access token', 'code-hosting', ['github_pat_'], 'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}', {
    minEntropy: 4,
  }),

  // GitLab: prefixed tokens; newer "routable" tokens are longer and end in `.<2>.<7-9>`.
  token('gitlab-pat', 'GitLab personal access token', 'code-hosting', ['glpat-'], String.raw`glpat-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{2}\.[0-9a-z]{7,9})?`),
  token('gitlab-deploy-token', 'GitLab deploy token', 'code-hosting', ['gldt-'], 'gldt-[A-Za-z0-9_-]{20,300}'),
  token('gitlab-pipeline-trigger-token', 'GitLab pipeline trigger token', 'code-hosting', ['glptt-'], 'glptt-[a-f0-9]{40}'),
  token('gitlab-runner-token', 'GitLab runner authentication token', 'code-hosting', ['glrt-'], String.raw`glrt-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{2}\.[0-9a-z]{7,9})?`),
  token('gitlab-runner-registration-token', 'GitLab runner registration token', 'code-hosting', ['gr1348941'], 'GR1348941[A-Za-z0-9_-]{20}'),
  token('gitlab-feed-token', 'GitLab feed token', 'code-hosting', ['glft-'], 'glft-[A-Za-z0-9_-]{20,300}'),
  token('gitlab-oauth-app-secret', 'GitLab OAuth application secret', 'code-hosting', ['gloas-'], 'gloas-[a-f0-9]{64}'),
  token('gitlab-incoming-mail-token', 'GitLab incoming mail token', 'code-hosting', ['glimt-'], 'glimt-[A-Za-z0-9_-]{25}'),
  token('gitlab-agent-token', 'GitLab agent for Kubernetes token', 'code-hosting', ['glagent-'], 'glagent-[A-Za-z0-9_-]{50,300}'),
  token('gitlab-scim-token', 'GitLab SCIM token', 'code-hosting', ['glsoat-'], 'glsoat-[A-Za-z0-9_-]{20,300}'),
  token('gitlab-job-token', 'GitLab CI/CD job token', 'code-hosting', ['glcbt-'], 'glcbt-[a-f0-9]{1,5}_[A-Za-z0-9_-]{20,300}'),

  // Atlassian
  token('bitbucket-app-password', 'Bitbucket app password', 'code-hosting', ['atbb'], 'ATBB[A-Za-z0-9]{32}', { minEntropy: 3.5 }),
  token('atlassian-api-token', 'Atlassian API token', 'code-hosting', ['atatt3'], 'ATATT3[A-Za-z0-9_=-]{180,200}', { end: '(?![A-Za-z0-9_=-])', minEntropy: 4 }),

  // Package registries and developer services
  token('npm-token', 'npm access token', 'code-hosting', ['npm_'], 'npm_[A-Za-z0-9]{36}', { validators: [githubChecksum], vetoOnFailure: true }),
  token('pypi-token', 'PyPI upload token', 'code-hosting', ['pypi-ageichlwas5vcmc', 'pypi-agendgvzdc5wexbplm9yzw'], '(?:pypi-AgEIcHlwaS5vcmc|pypi-AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}', {
    anchored: true,
  }),
  token('rubygems-token', 'RubyGems API key', 'code-hosting', ['rubygems_'], 'rubygems_[a-f0-9]{48}'),
  token('docker-hub-pat', 'Docker Hub personal access token', 'code-hosting', ['dckr_pat_'], 'dckr_pat_[A-Za-z0-9_-]{27}'),
  token('jfrog-api-key', 'JFrog Artifactory API key', 'code-hosting', ['akcp'], 'AKCp[A-Za-z0-9]{69}', { minEntropy: 4 }),
  token('jfrog-identity-token', 'JFrog identity / reference token', 'code-hosting', ['cmvmdgtuojaxoj'], 'cmVmdGtuOjAxOj[A-Za-z0-9]{50,100}', { minEntropy: 4 }),
  token('nuget-api-key', 'NuGet API key', 'code-hosting', ['oy2'], 'oy2[a-z0-9]{43}', { minEntropy: 3.5 }),
  token('clojars-token', 'Clojars deploy token', 'code-hosting', ['clojars_'], 'CLOJARS_[a-z0-9]{60}'),
  token('sourcegraph-token', 'Sourcegraph access token', 'code-hosting', ['sgp_'], 'sgp_(?:(?:[a-fA-F0-9]{16}|local)_)?[a-fA-F0-9]{40}'),
  token('postman-api-key', 'Postman API key', 'code-hosting', ['pmak-'], 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}'),
];
