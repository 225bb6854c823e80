import { characterClasses } from '../entropy';
import type { SecretRuleSpec } from '../types';
import { assigned, keyBody, mixedRandom, preceded, rx, token } from './build';

const AWS_KEY_ID_PREFIXES = ['akia', 'asia', 'abia', 'acca', 'a3t'];

/** Cloud platforms and infrastructure services. Formats from each provider's documentation. */
export const CLOUD_RULES: readonly SecretRuleSpec[] = [
  // AWS: key ids are 20 characters, a 4-letter type prefix and 16 base32 characters.
  token('aws-access-key-id', 'AWS access key ID', 'cloud', AWS_KEY_ID_PREFIXES, '(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}', {
    end: '(?![A-Za-z0-9])',
    anchored: true,
  }),
  assigned(
    'aws-secret-access-key',
    'AWS secret access key',
    'cloud',
    ['aws', 'secret'],
    String.raw`aws[_.-]?secret[_.-]?access[_.-]?key|secret[_.-]?access[_.-]?key|aws[_.-]?secret(?:[_.-]?key)?`,
    '[A-Za-z0-9/+]{40}',
    { minEntropy: 4 },
  ),
  {
    // A 40-character secret key printed or written next to its key id (credentials CSV, a
    // `boto3.client(..., 'AKIA…', '…')` call, a printed dict) is reported even without a name.
    id: 'aws-secret-access-key-paired',
    description: 'AWS secret access key (next to its key ID)',
    category: 'cloud',
    kind: 'token',
    keywords: AWS_KEY_ID_PREFIXES,
    pattern: rx('(?<![A-Za-z0-9/+=])(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])'),
    minEntropy: 4.2,
    validators: [(candidate) => characterClasses(candidate.secret) >= 3],
    requiresNearby: { rule: 'aws-access-key-id', within: 400 },
  },
  assigned(
    'aws-session-token',
    'AWS session token',
    'cloud',
    ['aws', 'x-amz-security-token', 'session'],
    String.raw`aws[_.-]?session[_.-]?token|x-amz-security-token|session[_.-]?token`,
    '[A-Za-z0-9/+=]{100,1500}',
    { minEntropy: 4.5 },
  ),
  token('aws-mws-auth-token', 'Amazon MWS auth token', 'cloud', ['amzn.mws.'], String.raw`amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`),

  // Google Cloud
  token('gcp-api-key', 'Google API key', 'cloud', ['aiza'], 'AIza[0-9A-Za-z_-]{35}', { minEntropy: 3.5 }),
  token('gcp-oauth-client-secret', 'Google OAuth client secret', 'cloud', ['gocspx-'], 'GOCSPX-[A-Za-z0-9_-]{28}'),
  token('google-oauth-access-token', 'Google OAuth access token', 'cloud', ['ya29.'], String.raw`ya29\.[0-9A-Za-z_-]{30,600}`, { minEntropy: 4 }),
  token('google-oauth-refresh-token', 'Google OAuth refresh token', 'cloud', ['1//0'], '1//0[0-9A-Za-z_-]{40,300}', { minEntropy: 4 }),
  {
    // The key of a service-account JSON file; reported as such rather than as a bare PKCS#8 key.
    id: 'gcp-service-account-key',
    description: 'GCP service account private key',
    category: 'cloud',
    kind: 'token',
    keywords: ['private_key'],
    anchored: true,
    pattern: rx(
      String.raw`(?<=["'])private_key["'][ \t]{0,3}:[ \t]{0,3}["']-----BEGIN PRIVATE KEY-----(?<secret>[A-Za-z0-9+/=\\\s]{64,16000})`,
    ),
    reportWholeMatch: true,
    normalize: keyBody,
    minEntropy: 4,
  },

  // Azure
  {
    id: 'azure-storage-account-key',
    description: 'Azure storage account key',
    category: 'cloud',
    kind: 'token',
    keywords: ['accountkey='],
    anchored: true,
    pattern: rx('(?<![A-Za-z0-9])AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])', 'i'),
    minEntropy: 4.5,
  },
  {
    id: 'azure-sas-token',
    description: 'Azure shared access signature',
    category: 'cloud',
    kind: 'token',
    keywords: ['sig='],
    anchored: true,
    pattern: rx(String.raw`(?<=[?&;])sig=(?<secret>[A-Za-z0-9%+/]{40,100}(?:=|%3D){0,2})(?![A-Za-z0-9%+/=])`),
    minEntropy: 4,
    validators: [preceded(/[?&;]sv=\d{4}-\d\d-\d\d/, 600)],
  },
  token('azure-ad-client-secret', 'Azure AD (Entra ID) client secret', 'cloud', ['q~'], String.raw`[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}`, {
    end: '(?![A-Za-z0-9_~.-])',
    minEntropy: 3.5,
  }),
  {
    id: 'azure-shared-access-key',
    description: 'Azure Service Bus / Event Hubs / IoT shared access key',
    category: 'cloud',
    kind: 'token',
    keywords: ['sharedaccesskey='],
    anchored: true,
    pattern: rx('(?<![A-Za-z0-9])SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])', 'i'),
    minEntropy: 4,
  },
  assigned(
    'azure-openai-key',
    'Azure OpenAI / Cognitive Services key',
    'cloud',
    ['azure'],
    String.raw`azure[_.-]?(?:openai|cognitive|ai|search|speech|language|vision)[_.-]?(?:api[_.-]?|service[_.-]?)?key`,
    '[a-f0-9]{32}|[A-Za-z0-9]{84}',
  ),

  // Other clouds and infrastructure
  token('digitalocean-pat', 'DigitalOcean personal access token', 'cloud', ['dop_v1_'], 'dop_v1_[a-f0-9]{64}'),
  token('digitalocean-oauth-token', 'DigitalOcean OAuth token', 'cloud', ['doo_v1_'], 'doo_v1_[a-f0-9]{64}'),
  token('digitalocean-refresh-token', 'DigitalOcean refresh token', 'cloud', ['dor_v1_'], 'dor_v1_[a-f0-9]{64}'),
  token('alibaba-access-key-id', 'Alibaba Cloud AccessKey ID', 'cloud', ['ltai'], 'LTAI[A-Za-z0-9]{12,20}', { end: '(?![A-Za-z0-9])' }),
  token('heroku-api-key', 'Heroku API key', 'cloud', ['hrku-'], 'HRKU-AA[0-9A-Za-z_-]{58}'),
  token('cloudflare-origin-ca-key', 'Cloudflare Origin CA key', 'cloud', ['v1.0-'], String.raw`v1\.0-[a-f0-9]{24}-[a-f0-9]{146}`),
  assigned(
    'cloudflare-api-token',
    'Cloudflare API token',
    'cloud',
    ['cloudflare', 'cf_api', 'cf-api', 'cf.api'],
    String.raw`cloudflare|cf[_.-]api`,
    '[A-Za-z0-9_-]{40}|[a-f0-9]{37}',
    { minEntropy: 3.5 },
  ),
  token('flyio-token', 'Fly.io access token', 'cloud', ['fo1_', 'fm2_'], '(?:fo1_[A-Za-z0-9_-]{43}|fm2_[A-Za-z0-9+/]{100,1000}={0,3})', {
    end: '(?![A-Za-z0-9_+/=-])',
    anchored: true,
  }),
  token('doppler-token', 'Doppler token', 'cloud', ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'], String.raw`dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}`, {
    anchored: true,
  }),
  token('pulumi-token', 'Pulumi access token', 'cloud', ['pul-'], 'pul-[a-f0-9]{40}'),
  {
    id: 'terraform-cloud-token',
    description: 'Terraform Cloud / HCP Terraform API token',
    category: 'cloud',
    kind: 'token',
    keywords: ['.atlasv1.'],
    pattern: rx(String.raw`(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])`),
    minEntropy: 3.5,
  },
  token('vault-service-token', 'HashiCorp Vault service / recovery token', 'cloud', ['hvs.', 'hvr.'], String.raw`hv[sr]\.[A-Za-z0-9_-]{90,200}`, { minEntropy: 4, anchored: true }),
  token('vault-batch-token', 'HashiCorp Vault batch token', 'cloud', ['hvb.'], String.raw`hvb\.[A-Za-z0-9_-]{138,400}`, { minEntropy: 4 }),
  token('supabase-token', 'Supabase access token', 'cloud', ['sbp_'], 'sbp_[a-f0-9]{40}'),
  token('planetscale-token', 'PlanetScale API token', 'cloud', ['pscale_tkn_'], 'pscale_tkn_[A-Za-z0-9_=.-]{43}', { end: '(?![A-Za-z0-9_=.-])' }),
  token('planetscale-password', 'PlanetScale database password', 'cloud', ['pscale_pw_'], 'pscale_pw_[A-Za-z0-9_=.-]{43}', { end: '(?![A-Za-z0-9_=.-])' }),
  token('databricks-token', 'Databricks personal access token', 'cloud', ['dapi'], 'dapi[a-f0-9]{32}(?:-[0-9])?', { end: '(?![A-Za-z0-9])' }),
  token('yandex-api-key', 'Yandex Cloud API key', 'cloud', ['aqvn'], 'AQVN[A-Za-z0-9_-]{35,38}'),
  // Cloudflare's scannable credentials: a type prefix, 40 characters and a checksum.
  token('cloudflare-scannable-token', 'Cloudflare API token / global API key', 'cloud', ['cfk_', 'cfut_', 'cfat_'], 'cf(?:k|ut|at)_[A-Za-z0-9]{40}[A-Za-z0-9]{4,12}', {
    anchored: true,
    minEntropy: 4,
  }),
  // Vercel's prefixed tokens: personal, integration, app access / refresh, API key.
  token('vercel-token', 'Vercel access token', 'cloud', ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'], 'vc[pcakr]_[A-Za-z0-9]{24,80}', {
    anchored: true,
    minEntropy: 4,
    validators: [mixedRandom],
  }),
  token('netlify-token', 'Netlify personal access token', 'cloud', ['nfp_'], 'nfp_[A-Za-z0-9]{36,40}', { validators: [mixedRandom] }),
  token('render-api-key', 'Render API key', 'cloud', ['rnd_'], 'rnd_[A-Za-z0-9]{32}', { validators: [mixedRandom] }),
  token('neon-api-key', 'Neon API key', 'cloud', ['napi_'], 'napi_[a-z0-9]{64}'),
  token('supabase-secret-key', 'Supabase secret API key', 'cloud', ['sb_secret_'], 'sb_secret_[A-Za-z0-9_-]{20,80}'),
  token('planetscale-oauth-token', 'PlanetScale OAuth token', 'cloud', ['pscale_oauth_'], 'pscale_oauth_[A-Za-z0-9_=.-]{32,64}', { end: '(?![A-Za-z0-9_=.-])' }),
  token('aiven-password', 'Aiven service password', 'cloud', ['avns_'], 'AVNS_[A-Za-z0-9_-]{19,40}', { validators: [mixedRandom] }),
  token('clickhouse-cloud-secret', 'ClickHouse Cloud API key secret', 'cloud', ['4b1d'], '4b1d[A-Za-z0-9]{38}', { end: '(?![A-Za-z0-9])', validators: [mixedRandom] }),
  token('databricks-oauth-secret', 'Databricks service principal OAuth secret', 'cloud', ['dose'], 'dose[a-f0-9]{32}', { end: '(?![A-Za-z0-9])' }),
  token('infisical-token', 'Infisical service token', 'cloud', ['st.'], String.raw`st\.[a-f0-9]{24}\.[a-f0-9]{32}\.[a-f0-9]{32}`),
  token('tencent-secret-id', 'Tencent Cloud SecretId', 'cloud', ['akid'], 'AKID[A-Za-z0-9]{32}', { end: '(?![A-Za-z0-9])', validators: [mixedRandom] }),
  token('akamai-edgegrid-token', 'Akamai EdgeGrid client / access token', 'cloud', ['akab-'], 'akab-[a-z0-9]{16}-[a-z0-9]{16}'),
  token('yandex-iam-token', 'Yandex Cloud IAM token', 'cloud', ['t1.'], String.raw`t1\.[A-Za-z0-9_-]{60,400}={0,2}\.[A-Za-z0-9_-]{86}={0,2}`, {
    end: '(?![A-Za-z0-9_=-])',
    minEntropy: 4,
  }),
  {
    // Firebase Cloud Messaging legacy server keys: `AAAA` + 7, `:APA91b`, then random.
    id: 'firebase-fcm-server-key',
    description: 'Firebase Cloud Messaging server key',
    category: 'cloud',
    kind: 'token',
    keywords: [':apa91b'],
    pattern: rx('(?<![A-Za-z0-9_-])(?<secret>AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{130,160})(?![A-Za-z0-9_-])'),
    minEntropy: 4,
  },
  {
    // Vault tokens before 1.10 (`s.` + 24): too short a prefix to stand alone, so only near a Vault word.
    id: 'vault-legacy-token',
    description: 'HashiCorp Vault token (legacy format)',
    category: 'cloud',
    kind: 'token',
    keywords: ['vault'],
    contextOnly: true,
    pattern: rx(String.raw`(?<![A-Za-z0-9_.-])(?<secret>s\.[A-Za-z0-9]{24})(?![A-Za-z0-9_.-])`),
    minEntropy: 3.5,
    validators: [mixedRandom, preceded(/vault/i, 200)],
  },
  {
    // Azure API Management subscription keys (32 hex) are recognised by the header or query parameter.
    id: 'azure-apim-subscription-key',
    description: 'Azure API Management subscription key',
    category: 'cloud',
    kind: 'contextual',
    keywords: ['ocp-apim-subscription-key', 'subscription-key='],
    anchored: true,
    pattern: rx(String.raw`(?:ocp-apim-subscription-key["']?[ 	]{0,3}[:=,][ 	]{0,3}["']?|subscription-key=)(?<secret>[a-f0-9]{32})(?![A-Za-z0-9])`, 'i'),
    minEntropy: 3,
  },
  assigned('scalr-token', 'Scalr API token', 'cloud', ['scalr'], 'scalr', String.raw`eyJ[A-Za-z0-9_-]{20,1000}\.[A-Za-z0-9_-]{20,2000}\.[A-Za-z0-9_-]{20,600}`, { minEntropy: 4 }),
  // Amazon Bedrock long-term API keys: `ABSK` and the base64 of `BedrockAPIKey-…`.
  token('aws-bedrock-api-key', 'Amazon Bedrock API key', 'cloud', ['absk'], 'ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{40,300}={0,2}', { end: '(?![A-Za-z0-9+/=])', minEntropy: 4 }),
  {
    id: 'cloudinary-url',
    description: 'Cloudinary URL with API secret',
    category: 'cloud',
    kind: 'token',
    keywords: ['cloudinary://'],
    anchored: true,
    pattern: rx('cloudinary://[0-9]{12,16}:(?<secret>[A-Za-z0-9_-]{27})@[A-Za-z0-9_-]{1,64}'),
    minEntropy: 3.5,
  },
  assigned('linode-token', 'Linode (Akamai Cloud) API token', 'cloud', ['linode'], 'linode', '[a-f0-9]{64}'),
  assigned('vultr-api-key', 'Vultr API key', 'cloud', ['vultr'], 'vultr', '[A-Z0-9]{36}', { minEntropy: 3.5 }),
  assigned('hetzner-api-token', 'Hetzner Cloud API token', 'cloud', ['hetzner', 'hcloud'], 'hetzner|hcloud', '[A-Za-z0-9]{64}', { minEntropy: 4 }),
  token('tailscale-key', 'Tailscale key', 'cloud', ['tskey-'], 'tskey-[a-z]{3,8}-[A-Za-z0-9]{6,24}-[A-Za-z0-9]{20,64}'),
];
