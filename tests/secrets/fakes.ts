import { keyBody } from '../../src/detectors/secrets/catalog/build';
import { ALNUM, B64, B64URL, BASE32, base64url, bech32, checksummed, DIGITS, HEX, LETTERS, LOWER, mixed, Rng, UPPER } from './random';

/**
 * Fake secrets of the right shape for every catalog rule, built at test time from a seeded
 * random generator: random, never real, never committed. Each says how the secret appears in
 * code, printed output, a Python repr and a metadata value, and which string a finding must hash.
 */
export interface Fake {
  /** The secret as findings hash it (key bodies normalised). */
  readonly secret: string;
  /** As written in a code cell. */
  readonly code: string;
  /** As printed to a stream (env dump, log line, config echo). */
  readonly printed: string;
  /** As shown by an execute_result's `text/plain` (a Python repr). */
  readonly repr: string;
  /** As a metadata entry (papermill parameters and the like). */
  readonly metadata: { readonly key: string; readonly value: string };
  /** Other secrets the same text legitimately holds (the key id next to an AWS secret key). */
  readonly also?: readonly string[];
  /**
   * The credential as it shows when printed on its own, with no name or credential word near it
   * (a log line, a URL, a dict value): by default the secret itself.
   */
  readonly alone?: string;
}

export type FakeMaker = (rng: Rng) => Fake;

/** Python repr of a string (single-quoted, newlines escaped). */
export function pyRepr(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** The usual shape: `NAME = "value"`, `NAME=value`, `{'NAME': 'value'}`, metadata `name: value`. */
export function named(name: string, value: string, secret = value): Fake {
  return {
    secret,
    code: `${name} = "${value}"`,
    printed: `${name}=${value}`,
    repr: `{'${name}': ${pyRepr(value)}}`,
    metadata: { key: name.toLowerCase(), value },
  };
}

/** A value used inside a larger literal (a URL, a connection string): the same text everywhere. */
function inText(varName: string, text: string, secret: string): Fake {
  return {
    secret,
    code: `${varName} = "${text}"`,
    printed: `${varName}: ${text}`,
    repr: pyRepr(text),
    metadata: { key: varName, value: text },
  };
}

const token = (name: string, make: (rng: Rng) => string): FakeMaker => (rng) => named(name, make(rng));
const hex = (rng: Rng, n: number): string => mixed(rng, n, HEX);
const alnum = (rng: Rng, n: number): string => mixed(rng, n, ALNUM);

function pemBody(rng: Rng, bytes: number, lead = ''): string[] {
  const base64 = lead + rng.bytes(bytes).toString('base64');
  return base64.match(/.{1,64}/g)!;
}

/** A PEM block, as a Python triple-quoted literal in code and as plain lines elsewhere. */
function pem(label: string, lines: readonly string[], varName = 'private_key'): Fake {
  const block = [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
  return {
    secret: keyBody(lines.join('\n')),
    alone: block,
    code: `${varName} = """${block}\n"""`,
    printed: block,
    repr: pyRepr(`${block}\n`),
    metadata: { key: varName, value: block },
  };
}

function jwt(rng: Rng): string {
  const header = base64url(JSON.stringify({ alg: rng.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ sub: `user-${rng.int(1000, 99999)}`, iat: rng.int(1_600_000_000, 1_750_000_000), scope: rng.pick(['read', 'read write', 'admin']) }));
  return `${header}.${payload}.${base64url(rng.bytes(32))}`;
}

function urlFake(varName: string, scheme: string, host: string, path: string) {
  return (rng: Rng): Fake => {
    const user = rng.pick(['analyst', 'etl_job', 'svc-report', 'jdoe']);
    const password = mixed(rng, rng.int(12, 20), `${ALNUM}!*_`);
    const url = `${scheme}://${user}:${password}@${host}${path}`;
    return { ...inText(varName, url, password), alone: url };
  };
}

const uuidOf = (rng: Rng): string => `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;
const upperAlnum = (rng: Rng, n: number): string => mixed(rng, n, UPPER + DIGITS);
const lowerAlnum = (rng: Rng, n: number): string => mixed(rng, n, LOWER + DIGITS);

/** Sentry org token: `sntrys_`, base64 of its JSON claims, `_`, the random secret. */
export function sentryOrgToken(rng: Rng): string {
  const claims = { iat: rng.int(1_700_000_000, 1_750_000_000) + 0.5, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: `acme-${rng.int(1, 999)}` };
  return `sntrys_${Buffer.from(JSON.stringify(claims)).toString('base64')}_${alnum(rng, 43)}`;
}

/** 1Password service account token: `ops_` and the base64url of its JSON sign-in details. */
export function onePasswordServiceToken(rng: Rng): string {
  const details = {
    signInAddress: 'my.1password.com',
    userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: base64url(rng.bytes(16)) },
    email: `${lowerAlnum(rng, 13)}@1passwordserviceaccounts.com`,
    srpX: hex(rng, 64),
    muk: { alg: 'A256GCM', ext: true, k: base64url(rng.bytes(32)), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' },
    secretKey: `A3-${upperAlnum(rng, 6)}-${upperAlnum(rng, 6)}-${upperAlnum(rng, 5)}-${upperAlnum(rng, 5)}-${upperAlnum(rng, 5)}-${upperAlnum(rng, 5)}`,
    throttleSecret: { seed: hex(rng, 64), uuid: uuidOf(rng) },
    deviceUuid: lowerAlnum(rng, 26),
  };
  return `ops_${base64url(JSON.stringify(details))}`;
}

/** A header line in code, in a printed request and in a repr. */
function header(name: string, value: string, secret = value): Fake {
  return {
    secret,
    code: `headers = {"${name}": "${value}", "Accept": "application/json"}`,
    printed: `> GET /v2/items HTTP/1.1\n> ${name}: ${value}`,
    repr: `{'${name}': '${value}', 'Accept': 'application/json'}`,
    metadata: { key: 'request_headers', value: `${name}: ${value}` },
  };
}

export const FAKES: Readonly<Record<string, FakeMaker>> = {
  // cloud
  'aws-access-key-id': token('AWS_ACCESS_KEY_ID', (rng) => `AKIA${mixed(rng, 16, BASE32)}`),
  'aws-secret-access-key': token('AWS_SECRET_ACCESS_KEY', (rng) => mixed(rng, 40, B64)),
  'aws-secret-access-key-paired': (rng) => {
    const id = `AKIA${mixed(rng, 16, BASE32)}`;
    const secret = mixed(rng, 40, B64);
    return {
      secret,
      also: [id],
      code: `s3 = boto3.client("s3", "us-east-1", "${id}", "${secret}")`,
      printed: `User name,Access key ID,Secret access key\nci-bot,${id},${secret}`,
      repr: `('${id}', '${secret}')`,
      metadata: { key: 'credentials', value: `${id} ${secret}` },
    };
  },
  'aws-session-token': token('AWS_SESSION_TOKEN', (rng) => `FwoGZXIvYXdzE${mixed(rng, 300, B64)}`),
  'aws-mws-auth-token': token('MWS_AUTH_TOKEN', (rng) => `amzn.mws.${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`),
  'gcp-api-key': token('GOOGLE_API_KEY', (rng) => `AIza${mixed(rng, 35, B64URL)}`),
  'gcp-oauth-client-secret': token('CLIENT_SECRET', (rng) => `GOCSPX-${mixed(rng, 28, B64URL)}`),
  'google-oauth-access-token': token('ACCESS_TOKEN', (rng) => `ya29.${mixed(rng, 150, B64URL)}`),
  'google-oauth-refresh-token': token('REFRESH_TOKEN', (rng) => `1//0${mixed(rng, 99, B64URL)}`),
  'gcp-service-account-key': (rng) => {
    const lines = pemBody(rng, 1190, 'MIIEv');
    const escaped = `-----BEGIN PRIVATE KEY-----\\n${lines.join('\\n')}\\n-----END PRIVATE KEY-----\\n`;
    const json = `{"type": "service_account", "project_id": "acme-analytics", "private_key_id": "${hex(rng, 40)}", "private_key": "${escaped}", "client_email": "etl@acme-analytics.iam.gserviceaccount.com"}`;
    return {
      secret: keyBody(lines.join('\n')),
      alone: json,
      code: `service_account_info = ${json}`,
      printed: json,
      repr: json.replace(/"/g, "'"),
      metadata: { key: 'service_account', value: json },
    };
  },
  'azure-storage-account-key': (rng) => {
    const key = `${mixed(rng, 86, B64)}==`;
    const text = `DefaultEndpointsProtocol=https;AccountName=acmedata;AccountKey=${key};EndpointSuffix=core.windows.net`;
    return { ...inText('conn_str', text, key), alone: text };
  },
  'azure-sas-token': (rng) => {
    const sig = `${mixed(rng, 43, ALNUM)}%3D`;
    const url = `https://acmedata.blob.core.windows.net/raw/sales.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&spr=https&sig=${sig}`;
    return { ...inText('blob_url', url, sig), alone: url };
  },
  'azure-ad-client-secret': token('AZURE_CLIENT_SECRET', (rng) => `${alnum(rng, 3)}${rng.int(0, 9)}Q~${mixed(rng, 34, `${ALNUM}_~.-`)}`),
  'azure-shared-access-key': (rng) => {
    const key = `${mixed(rng, 43, B64)}=`;
    const text = `Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${key}`;
    return { ...inText('servicebus_conn', text, key), alone: text };
  },
  'azure-openai-key': token('AZURE_OPENAI_API_KEY', (rng) => hex(rng, 32)),
  'digitalocean-pat': token('DIGITALOCEAN_TOKEN', (rng) => `dop_v1_${hex(rng, 64)}`),
  'digitalocean-oauth-token': token('DO_OAUTH_TOKEN', (rng) => `doo_v1_${hex(rng, 64)}`),
  'digitalocean-refresh-token': token('DO_REFRESH_TOKEN', (rng) => `dor_v1_${hex(rng, 64)}`),
  'alibaba-access-key-id': token('ALIBABA_CLOUD_ACCESS_KEY_ID', (rng) => `LTAI${alnum(rng, 20)}`),
  'heroku-api-key': token('HEROKU_API_KEY', (rng) => `HRKU-AA${mixed(rng, 58, B64URL)}`),
  'cloudflare-origin-ca-key': token('CF_ORIGIN_CA_KEY', (rng) => `v1.0-${hex(rng, 24)}-${hex(rng, 146)}`),
  'cloudflare-api-token': token('CLOUDFLARE_API_TOKEN', (rng) => mixed(rng, 40, B64URL)),
  'flyio-token': token('FLY_API_TOKEN', (rng) => `fo1_${mixed(rng, 43, B64URL)}`),
  'doppler-token': token('DOPPLER_TOKEN', (rng) => `dp.st.${alnum(rng, 43)}`),
  'pulumi-token': token('PULUMI_ACCESS_TOKEN', (rng) => `pul-${hex(rng, 40)}`),
  'terraform-cloud-token': token('TFE_TOKEN', (rng) => `${alnum(rng, 14)}.atlasv1.${mixed(rng, 67, B64URL)}`),
  'vault-service-token': token('VAULT_TOKEN', (rng) => `hvs.${mixed(rng, 91, B64URL)}`),
  'vault-batch-token': token('VAULT_TOKEN', (rng) => `hvb.${mixed(rng, 140, B64URL)}`),
  'supabase-token': token('SUPABASE_ACCESS_TOKEN', (rng) => `sbp_${hex(rng, 40)}`),
  'planetscale-token': token('PLANETSCALE_SERVICE_TOKEN', (rng) => `pscale_tkn_${mixed(rng, 43, B64URL)}`),
  'planetscale-password': token('DATABASE_PASSWORD', (rng) => `pscale_pw_${mixed(rng, 43, B64URL)}`),
  'databricks-token': token('DATABRICKS_TOKEN', (rng) => `dapi${hex(rng, 32)}`),
  'yandex-api-key': token('YC_API_KEY', (rng) => `AQVN${mixed(rng, 36, B64URL)}`),
  'tailscale-key': token('TS_AUTHKEY', (rng) => `tskey-auth-${alnum(rng, 12)}CNTRL-${alnum(rng, 33)}`),

  // code hosting
  'github-pat': token('GITHUB_TOKEN', (rng) => checksummed(rng, 'ghp_')),
  'github-oauth-token': token('GH_OAUTH_TOKEN', (rng) => checksummed(rng, 'gho_')),
  'github-app-user-token': token('GH_USER_TOKEN', (rng) => checksummed(rng, 'ghu_')),
  'github-app-installation-token': token('GH_INSTALLATION_TOKEN', (rng) => checksummed(rng, 'ghs_')),
  'github-refresh-token': token('GH_REFRESH_TOKEN', (rng) => checksummed(rng, 'ghr_')),
  'github-fine-grained-pat': token('GITHUB_TOKEN', (rng) => `github_pat_11${alnum(rng, 20)}_${alnum(rng, 59)}`),
  'gitlab-pat': token('GITLAB_TOKEN', (rng) => `glpat-${mixed(rng, 20, B64URL)}`),
  'gitlab-deploy-token': token('DEPLOY_TOKEN', (rng) => `gldt-${mixed(rng, 20, B64URL)}`),
  'gitlab-pipeline-trigger-token': token('TRIGGER_TOKEN', (rng) => `glptt-${hex(rng, 40)}`),
  'gitlab-runner-token': token('RUNNER_TOKEN', (rng) => `glrt-${mixed(rng, 20, B64URL)}`),
  'gitlab-runner-registration-token': token('REGISTRATION_TOKEN', (rng) => `GR1348941${mixed(rng, 20, B64URL)}`),
  'gitlab-feed-token': token('FEED_TOKEN', (rng) => `glft-${mixed(rng, 20, B64URL)}`),
  'gitlab-oauth-app-secret': token('GITLAB_APP_SECRET', (rng) => `gloas-${hex(rng, 64)}`),
  'gitlab-incoming-mail-token': token('INCOMING_MAIL_TOKEN', (rng) => `glimt-${mixed(rng, 25, B64URL)}`),
  'gitlab-agent-token': token('AGENT_TOKEN', (rng) => `glagent-${mixed(rng, 50, B64URL)}`),
  'gitlab-scim-token': token('SCIM_TOKEN', (rng) => `glsoat-${mixed(rng, 20, B64URL)}`),
  'gitlab-job-token': token('CI_JOB_TOKEN', (rng) => `glcbt-${hex(rng, 2)}_${mixed(rng, 20, B64URL)}`),
  'bitbucket-app-password': token('BITBUCKET_APP_PASSWORD', (rng) => `ATBB${alnum(rng, 32)}`),
  'atlassian-api-token': token('JIRA_API_TOKEN', (rng) => `ATATT3xFfGF0${mixed(rng, 171, B64URL)}=${hex(rng, 8).toUpperCase()}`),
  'npm-token': token('NPM_TOKEN', (rng) => checksummed(rng, 'npm_')),
  'pypi-token': token('TWINE_PASSWORD', (rng) => `pypi-AgEIcHlwaS5vcmc${mixed(rng, 150, B64URL)}`),
  'rubygems-token': token('GEM_HOST_API_KEY', (rng) => `rubygems_${hex(rng, 48)}`),
  'docker-hub-pat': token('DOCKERHUB_TOKEN', (rng) => `dckr_pat_${mixed(rng, 27, B64URL)}`),
  'jfrog-api-key': token('ARTIFACTORY_API_KEY', (rng) => `AKCp${alnum(rng, 69)}`),
  'jfrog-identity-token': token('JFROG_ACCESS_TOKEN', (rng) => `cmVmdGtuOjAxOj${alnum(rng, 64)}`),
  'nuget-api-key': token('NUGET_API_KEY', (rng) => `oy2${mixed(rng, 43, LOWER + DIGITS)}`),
  'clojars-token': token('CLOJARS_TOKEN', (rng) => `CLOJARS_${mixed(rng, 60, LOWER + DIGITS)}`),
  'sourcegraph-token': token('SRC_ACCESS_TOKEN', (rng) => `sgp_${hex(rng, 16)}_${hex(rng, 40)}`),
  'postman-api-key': token('POSTMAN_API_KEY', (rng) => `PMAK-${hex(rng, 24)}-${hex(rng, 34)}`),

  // AI
  'openai-api-key': token('OPENAI_API_KEY', (rng) => `sk-proj-${mixed(rng, 74, B64URL)}T3BlbkFJ${mixed(rng, 74, B64URL)}`),
  'openai-project-key': token('OPENAI_API_KEY', (rng) => `sk-proj-${mixed(rng, 156, B64URL)}`),
  'anthropic-api-key': token('ANTHROPIC_API_KEY', (rng) => `sk-ant-api03-${mixed(rng, 93, B64URL)}AA`),
  'anthropic-admin-key': token('ANTHROPIC_ADMIN_KEY', (rng) => `sk-ant-admin01-${mixed(rng, 93, B64URL)}AA`),
  'huggingface-token': token('HF_TOKEN', (rng) => `hf_${mixed(rng, 34, LETTERS)}`),
  'huggingface-org-token': token('HF_ORG_TOKEN', (rng) => `api_org_${mixed(rng, 34, LETTERS)}`),
  'groq-api-key': token('GROQ_API_KEY', (rng) => `gsk_${alnum(rng, 52)}`),
  'replicate-api-token': token('REPLICATE_API_TOKEN', (rng) => `r8_${alnum(rng, 37)}`),
  'perplexity-api-key': token('PPLX_API_KEY', (rng) => `pplx-${alnum(rng, 48)}`),
  'xai-api-key': token('XAI_API_KEY', (rng) => `xai-${alnum(rng, 80)}`),
  'openrouter-api-key': token('OPENROUTER_API_KEY', (rng) => `sk-or-v1-${hex(rng, 64)}`),
  'langsmith-api-key': token('LANGCHAIN_API_KEY', (rng) => `lsv2_pt_${hex(rng, 32)}_${hex(rng, 10)}`),
  'pinecone-api-key': token('PINECONE_API_KEY', (rng) => `pcsk_${alnum(rng, 6)}_${alnum(rng, 63)}`),
  'elevenlabs-api-key': token('ELEVENLABS_API_KEY', (rng) => `sk_${hex(rng, 48)}`),
  'cohere-api-key': token('COHERE_API_KEY', (rng) => alnum(rng, 40)),
  'mistral-api-key': token('MISTRAL_API_KEY', (rng) => alnum(rng, 32)),
  'deepseek-api-key': token('DEEPSEEK_API_KEY', (rng) => `sk-${hex(rng, 32)}`),
  'wandb-api-key': token('WANDB_API_KEY', (rng) => hex(rng, 40)),
  'comet-api-key': token('COMET_API_KEY', (rng) => alnum(rng, 25)),
  'kaggle-json-key': (rng) => {
    const key = hex(rng, 32);
    const json = `{"username": "jdoe${rng.int(1, 999)}", "key": "${key}"}`;
    return { secret: key, code: `creds = ${json}`, printed: json, repr: json.replace(/"/g, "'"), metadata: { key: 'kaggle', value: json } };
  },
  'kaggle-key': token('KAGGLE_KEY', (rng) => hex(rng, 32)),

  // payments
  'stripe-secret-key': token('STRIPE_SECRET_KEY', (rng) => `sk_live_${alnum(rng, 99)}`),
  'stripe-restricted-key': token('STRIPE_KEY', (rng) => `rk_live_${alnum(rng, 99)}`),
  'stripe-test-key': token('STRIPE_SECRET_KEY', (rng) => `sk_test_${alnum(rng, 99)}`),
  'stripe-webhook-secret': token('STRIPE_WEBHOOK_SECRET', (rng) => `whsec_${alnum(rng, 32)}`),
  'square-access-token': token('SQUARE_ACCESS_TOKEN', (rng) => `EAAA${mixed(rng, 60, B64URL)}`),
  'square-oauth-secret': token('SQUARE_OAUTH_SECRET', (rng) => `sq0csp-${mixed(rng, 43, B64URL)}`),
  'braintree-access-token': token('BRAINTREE_TOKEN', (rng) => `access_token$production$${mixed(rng, 16, LOWER + DIGITS)}$${hex(rng, 32)}`),
  'shopify-access-token': token('SHOPIFY_ACCESS_TOKEN', (rng) => `shpat_${hex(rng, 32)}`),
  'shopify-custom-app-token': token('SHOPIFY_TOKEN', (rng) => `shpca_${hex(rng, 32)}`),
  'shopify-private-app-token': token('SHOPIFY_PASSWORD', (rng) => `shppa_${hex(rng, 32)}`),
  'shopify-shared-secret': token('SHOPIFY_API_SECRET', (rng) => `shpss_${hex(rng, 32)}`),
  'easypost-api-key': token('EASYPOST_API_KEY', (rng) => `EZAK${alnum(rng, 54)}`),
  'shippo-api-token': token('SHIPPO_TOKEN', (rng) => `shippo_live_${hex(rng, 40)}`),

  // messaging
  'slack-bot-token': token('SLACK_BOT_TOKEN', (rng) => `xoxb-${rng.chars(11, DIGITS)}-${rng.chars(13, DIGITS)}-${alnum(rng, 24)}`),
  'slack-user-token': token('SLACK_USER_TOKEN', (rng) => `xoxp-${rng.chars(11, DIGITS)}-${rng.chars(12, DIGITS)}-${rng.chars(13, DIGITS)}-${hex(rng, 32)}`),
  'slack-app-token': token('SLACK_APP_TOKEN', (rng) => `xapp-1-A${mixed(rng, 10, UPPER + DIGITS)}-${rng.chars(13, DIGITS)}-${hex(rng, 64)}`),
  'slack-config-token': token('SLACK_CONFIG_TOKEN', (rng) => `xoxe.xoxp-1-${alnum(rng, 163)}`),
  'slack-legacy-token': token('SLACK_TOKEN', (rng) => `xoxs-${rng.chars(10, DIGITS)}-${rng.chars(10, DIGITS)}-${alnum(rng, 40)}`),
  'slack-webhook-url': (rng) => {
    const path = `T${mixed(rng, 10, UPPER + DIGITS)}/B${mixed(rng, 10, UPPER + DIGITS)}/${alnum(rng, 24)}`;
    return { ...inText('webhook', `https://hooks.slack.com/services/${path}`, `hooks.slack.com/services/${path}`), alone: `https://hooks.slack.com/services/${path}` };
  },
  'discord-bot-token': token('DISCORD_TOKEN', (rng) => `${base64url(rng.chars(19, DIGITS).replace(/^0/, '1'))}.${mixed(rng, 6, B64URL)}.${mixed(rng, 38, B64URL)}`),
  'discord-webhook-url': (rng) => {
    const url = `https://discord.com/api/webhooks/${rng.chars(19, DIGITS)}/${mixed(rng, 68, B64URL)}`;
    return inText('webhook_url', url, url);
  },
  'telegram-bot-token': token('TELEGRAM_BOT_TOKEN', (rng) => `${rng.int(100000000, 999999999)}:AA${mixed(rng, 33, B64URL)}`),
  'twilio-api-key': token('TWILIO_API_KEY', (rng) => `SK${hex(rng, 32)}`),
  'twilio-auth-token': token('TWILIO_AUTH_TOKEN', (rng) => hex(rng, 32)),
  'sendgrid-api-key': token('SENDGRID_API_KEY', (rng) => `SG.${mixed(rng, 22, B64URL)}.${mixed(rng, 43, B64URL)}`),
  'mailgun-api-key': token('MAILGUN_API_KEY', (rng) => `key-${hex(rng, 32)}`),
  'mailchimp-api-key': token('MAILCHIMP_API_KEY', (rng) => `${hex(rng, 32)}-us${rng.int(1, 21)}`),
  'brevo-api-key': token('BREVO_API_KEY', (rng) => `xkeysib-${hex(rng, 64)}-${alnum(rng, 16)}`),

  // SaaS
  'notion-token': token('NOTION_TOKEN', (rng) => `ntn_${rng.chars(11, DIGITS)}${alnum(rng, 35)}`),
  'airtable-pat': token('AIRTABLE_TOKEN', (rng) => `pat${alnum(rng, 14)}.${hex(rng, 64)}`),
  'figma-token': token('FIGMA_TOKEN', (rng) => `figd_${mixed(rng, 40, B64URL)}`),
  'linear-api-key': token('LINEAR_API_KEY', (rng) => `lin_api_${alnum(rng, 40)}`),
  'grafana-cloud-token': token('GRAFANA_CLOUD_TOKEN', (rng) => `glc_${mixed(rng, 120, B64)}`),
  'grafana-service-account-token': token('GRAFANA_TOKEN', (rng) => `glsa_${alnum(rng, 32)}_${hex(rng, 8)}`),
  'sentry-user-token': token('SENTRY_AUTH_TOKEN', (rng) => `sntryu_${hex(rng, 64)}`),
  'sentry-org-token': token('SENTRY_AUTH_TOKEN', sentryOrgToken),
  'new-relic-user-key': token('NEW_RELIC_API_KEY', (rng) => `NRAK-${mixed(rng, 27, UPPER + DIGITS)}`),
  'new-relic-insert-key': token('NEW_RELIC_INSERT_KEY', (rng) => `NRII-${mixed(rng, 32, B64URL)}`),
  'datadog-api-key': token('DD_API_KEY', (rng) => hex(rng, 32)),
  'dynatrace-token': token('DT_API_TOKEN', (rng) => `dt0c01.${mixed(rng, 24, UPPER + DIGITS)}.${mixed(rng, 64, UPPER + DIGITS)}`),
  'contentful-token': token('CONTENTFUL_MANAGEMENT_TOKEN', (rng) => `CFPAT-${mixed(rng, 43, B64URL)}`),
  'typeform-token': token('TYPEFORM_TOKEN', (rng) => `tfp_${mixed(rng, 59, ALNUM)}`),
  'mapbox-secret-token': token('MAPBOX_SECRET_TOKEN', (rng) => `sk.eyJ${mixed(rng, 80, B64URL)}.${mixed(rng, 22, B64URL)}`),
  'dropbox-token': token('DROPBOX_ACCESS_TOKEN', (rng) => `sl.${mixed(rng, 140, B64URL)}`),
  'facebook-access-token': token('FB_ACCESS_TOKEN', (rng) => `EAAG${alnum(rng, 180)}`),
  'facebook-app-secret': token('FB_APP_SECRET', (rng) => hex(rng, 32)),
  'twitter-bearer-token': token('TWITTER_BEARER_TOKEN', (rng) => `AAAAAAAAAAAAAAAAAAAAA${mixed(rng, 90, ALNUM)}`),
  'twitter-api-secret': token('TWITTER_API_SECRET', (rng) => alnum(rng, 50)),
  'okta-api-token': token('OKTA_API_TOKEN', (rng) => `00${mixed(rng, 40, B64URL)}`),
  'algolia-api-key': token('ALGOLIA_ADMIN_KEY', (rng) => hex(rng, 32)),
  'prefect-api-key': token('PREFECT_API_KEY', (rng) => `pnu_${alnum(rng, 36)}`),
  'readme-api-key': token('README_API_KEY', (rng) => `rdme_${mixed(rng, 70, LOWER + DIGITS)}`),
  'onepassword-service-account-token': token('OP_SERVICE_ACCOUNT_TOKEN', onePasswordServiceToken),
  'spotify-client-secret': token('SPOTIPY_CLIENT_SECRET', (rng) => hex(rng, 32)),
  'openweathermap-api-key': token('OPENWEATHER_API_KEY', (rng) => hex(rng, 32)),
  'nasdaq-data-link-key': (rng) => {
    const key = mixed(rng, 20, ALNUM);
    return { ...named('QUANDL_API_KEY', key), code: `quandl.ApiConfig.api_key = "${key}"` };
  },
  'alpha-vantage-api-key': token('ALPHA_VANTAGE_KEY', (rng) => mixed(rng, 16, UPPER + DIGITS)),
  'fred-api-key': token('FRED_API_KEY', (rng) => hex(rng, 32)),

  // keys
  'private-key-rsa': (rng) => pem('RSA PRIVATE KEY', pemBody(rng, 1190, 'MIIEo')),
  'private-key-ec': (rng) => pem('EC PRIVATE KEY', pemBody(rng, 121, 'MHcC')),
  'private-key-dsa': (rng) => pem('DSA PRIVATE KEY', pemBody(rng, 440, 'MIIBu')),
  'private-key-openssh': (rng) => pem('OPENSSH PRIVATE KEY', pemBody(rng, 400, 'b3BlbnNzaC1rZXktdjEAAAAA')),
  'private-key-pgp': (rng) => {
    const lines = pemBody(rng, 900, 'lQOYBG');
    return pem('PGP PRIVATE KEY BLOCK', ['Version: GnuPG v2', '', ...lines, `=${mixed(rng, 4, B64)}`]);
  },
  'private-key-pkcs8': (rng) => pem('PRIVATE KEY', pemBody(rng, 1210, 'MIIEv')),
  'putty-private-key': (rng) => {
    const publicLines = pemBody(rng, 270, 'AAAAB3NzaC1yc2E');
    const privateLines = pemBody(rng, 600, 'AAABAG');
    const text = [
      'PuTTY-User-Key-File-2: ssh-rsa',
      'Encryption: none',
      `Comment: rsa-key-2024${rng.int(1000, 9999)}`,
      `Public-Lines: ${publicLines.length}`,
      ...publicLines,
      `Private-Lines: ${privateLines.length}`,
      ...privateLines,
      `Private-MAC: ${hex(rng, 40)}`,
    ].join('\n');
    return {
      secret: keyBody(privateLines.join('\n')),
      alone: text,
      code: `ppk = """${text}\n"""`,
      printed: text,
      repr: pyRepr(text),
      metadata: { key: 'ppk', value: text },
    };
  },
  jwt: token('SESSION_JWT', jwt),
  'age-secret-key': token('AGE_KEY', (rng) => bech32('age-secret-key-', rng.bytes(32)).toUpperCase()),

  // URLs
  'postgres-url-password': urlFake('DATABASE_URL', 'postgresql+psycopg2', 'warehouse.acme-corp.internal:5432', '/sales'),
  'mysql-url-password': urlFake('MYSQL_URL', 'mysql+pymysql', 'mysql.acme-corp.internal:3306', '/crm'),
  'mongodb-url-password': urlFake('MONGO_URI', 'mongodb+srv', 'cluster0.ab1cd.mongodb.net', '/events?retryWrites=true'),
  'redis-url-password': urlFake('REDIS_URL', 'rediss', 'cache.acme-corp.internal:6380', '/0'),
  'amqp-url-password': urlFake('BROKER_URL', 'amqps', 'mq.acme-corp.internal:5671', '/jobs'),
  'mssql-url-password': urlFake('MSSQL_URL', 'mssql+pyodbc', 'sql.acme-corp.internal:1433', '/finance'),
  'database-url-password': urlFake('SNOWFLAKE_URL', 'snowflake', 'acme-xy12345', '/analytics/public'),
  'url-basic-auth': urlFake('REPO_URL', 'https', 'git.acme-corp.internal', '/data/models.git'),

  // generic
  'generic-password': (rng) => named('DB_PASSWORD', `${mixed(rng, 10, ALNUM)}!${rng.int(10, 99)}`),
  'generic-secret': (rng) => named('SERVICE_API_KEY', mixed(rng, 32, ALNUM)),
  'authorization-bearer': (rng) => {
    const value = mixed(rng, 48, `${ALNUM}._-`);
    return {
      secret: value,
      code: `headers = {"Authorization": "Bearer ${value}"}`,
      printed: `> GET /v1/items HTTP/1.1\n> Authorization: Bearer ${value}`,
      repr: `{'Authorization': 'Bearer ${value}'}`,
      metadata: { key: 'authorization', value: `Bearer ${value}` },
    };
  },
  'authorization-basic': (rng) => {
    const value = Buffer.from(`svc-export:${mixed(rng, 16, ALNUM)}`).toString('base64');
    return {
      secret: value,
      code: `headers = {"Authorization": "Basic ${value}"}`,
      printed: `> GET /export HTTP/1.1\n> Authorization: Basic ${value}`,
      repr: `{'Authorization': 'Basic ${value}'}`,
      metadata: { key: 'headers', value: `Authorization: Basic ${value}` },
    };
  },
  // webhooks
  'microsoft-teams-webhook-url': (rng) => {
    const path = `acme.webhook.office.com/webhookb2/${uuidOf(rng)}@${uuidOf(rng)}/IncomingWebhook/${hex(rng, 32)}/${uuidOf(rng)}/V2${mixed(rng, 43, B64URL)}`;
    return { ...inText('teams_webhook', `https://${path}`, path), alone: `https://${path}` };
  },
  'azure-logic-app-webhook-sig': (rng) => {
    const sig = mixed(rng, 43, B64URL);
    const url = `https://prod-${rng.int(10, 99)}.westeurope.logic.azure.com:443/workflows/${hex(rng, 32)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${sig}`;
    return { ...inText('flow_url', url, sig), alone: url };
  },
  'tines-webhook-url': (rng) => {
    const path = `tines.com/webhook/${hex(rng, 32)}/${hex(rng, 32)}`;
    return { ...inText('tines_hook', `https://acme-corp.${path}`, path), alone: `https://acme-corp.${path}` };
  },
  'google-chat-webhook-url': (rng) => {
    const key = `AIza${mixed(rng, 35, B64URL)}`;
    const tokenValue = `${mixed(rng, 43, B64URL)}%3D`;
    const url = `https://chat.googleapis.com/v1/spaces/AAAA${mixed(rng, 7, ALNUM)}/messages?key=${key}&token=${tokenValue}`;
    return { ...inText('chat_webhook', url, tokenValue), also: [key], alone: url };
  },
  'zapier-webhook-url': (rng) => {
    const path = `hooks.zapier.com/hooks/catch/${rng.chars(7, DIGITS)}/${lowerAlnum(rng, 7)}`;
    return { ...inText('zap_hook', `https://${path}/`, path), alone: `https://${path}/` };
  },
  'ifttt-webhook-key': (rng) => {
    const key = mixed(rng, 22, B64URL);
    const url = `https://maker.ifttt.com/trigger/door_open/with/key/${key}`;
    return { ...inText('ifttt_url', url, key), alone: url };
  },
  'make-webhook-url': (rng) => {
    const path = `hook.eu1.make.com/${lowerAlnum(rng, 32)}`;
    return { ...inText('make_hook', `https://${path}`, path), alone: `https://${path}` };
  },

  // CI/CD and developer platforms
  'bitbucket-data-center-token': token('BITBUCKET_TOKEN', (rng) => `BBDC-${mixed(rng, 44, B64)}`),
  'atlassian-admin-api-key': token('ATLASSIAN_ADMIN_KEY', (rng) => `ATCTT3xFfGN0${mixed(rng, 171, B64URL)}=${hex(rng, 8).toUpperCase()}`),
  'circleci-token': token('CIRCLECI_TOKEN', (rng) => `CCIPAT_${alnum(rng, 22)}_${hex(rng, 40)}`),
  'buildkite-token': token('BUILDKITE_API_TOKEN', (rng) => `bkua_${hex(rng, 40)}`),
  'sonar-token': token('SONAR_TOKEN', (rng) => `squ_${hex(rng, 40)}`),
  'octopus-deploy-api-key': token('OCTOPUS_API_KEY', (rng) => `API-${upperAlnum(rng, 30)}`),
  'harness-token': token('HARNESS_TOKEN', (rng) => `pat.${mixed(rng, 22, B64URL)}.${hex(rng, 24)}.${alnum(rng, 20)}`),
  'youtrack-token': token('YOUTRACK_TOKEN', (rng) => `perm:${Buffer.from(`jdoe${rng.int(1, 99)}`).toString('base64')}.${Buffer.from(`NDgtM${rng.int(1, 9)}`).toString('base64')}.${alnum(rng, 30)}`),
  'teamcity-token': token('TEAMCITY_TOKEN', (rng) => `eyJ0eXAiOiAiVENWMiJ9.${mixed(rng, 36, B64URL)}.${mixed(rng, 48, B64URL)}`),
  'gitlab-feature-flag-token': token('UNLEASH_INSTANCE_ID', (rng) => `glffct-${mixed(rng, 20, B64URL)}`),
  'docker-hub-org-token': token('DOCKER_ORG_TOKEN', (rng) => `dckr_oat_${mixed(rng, 32, B64URL)}`),
  'segment-api-token': token('SEGMENT_API_TOKEN', (rng) => `sgp_${alnum(rng, 64)}`),
  'deno-deploy-token': token('DENO_DEPLOY_TOKEN', (rng) => `ddp_${alnum(rng, 36)}`),
  'infracost-api-key': token('INFRACOST_API_KEY', (rng) => `ico-${alnum(rng, 32)}`),
  'frameio-token': token('FRAMEIO_TOKEN', (rng) => `fio-u-${mixed(rng, 64, B64URL)}`),
  'rootly-api-key': token('ROOTLY_API_TOKEN', (rng) => `rootly_${hex(rng, 64)}`),
  'scalingo-token': token('SCALINGO_API_TOKEN', (rng) => `tk-us-${mixed(rng, 48, B64URL)}`),
  'defined-networking-key': token('DN_API_KEY', (rng) => `dnkey-${alnum(rng, 26)}-${alnum(rng, 52)}`),
  'postman-collection-key': token('POSTMAN_COLLECTION_KEY', (rng) => `PMAT-${upperAlnum(rng, 26)}`),

  // more clouds
  'cloudflare-scannable-token': token('CLOUDFLARE_API_TOKEN', (rng) => `cfut_${alnum(rng, 40)}${alnum(rng, 8)}`),
  'vercel-token': token('VERCEL_TOKEN', (rng) => `vcp_${alnum(rng, 56)}`),
  'netlify-token': token('NETLIFY_AUTH_TOKEN', (rng) => `nfp_${alnum(rng, 36)}`),
  'render-api-key': token('RENDER_API_KEY', (rng) => `rnd_${alnum(rng, 32)}`),
  'neon-api-key': token('NEON_API_KEY', (rng) => `napi_${lowerAlnum(rng, 64)}`),
  'supabase-secret-key': token('SUPABASE_SECRET_KEY', (rng) => `sb_secret_${mixed(rng, 31, B64URL)}`),
  'planetscale-oauth-token': token('PLANETSCALE_OAUTH_TOKEN', (rng) => `pscale_oauth_${mixed(rng, 43, B64URL)}`),
  'aiven-password': token('AIVEN_DB_PASSWORD', (rng) => `AVNS_${alnum(rng, 23)}`),
  'clickhouse-cloud-secret': token('CLICKHOUSE_KEY_SECRET', (rng) => `4b1d${alnum(rng, 38)}`),
  'databricks-oauth-secret': token('DATABRICKS_CLIENT_SECRET', (rng) => `dose${hex(rng, 32)}`),
  'infisical-token': token('INFISICAL_TOKEN', (rng) => `st.${hex(rng, 24)}.${hex(rng, 32)}.${hex(rng, 32)}`),
  'tencent-secret-id': token('TENCENTCLOUD_SECRET_ID', (rng) => `AKID${alnum(rng, 32)}`),
  'akamai-edgegrid-token': token('AKAMAI_CLIENT_TOKEN', (rng) => `akab-${lowerAlnum(rng, 16)}-${lowerAlnum(rng, 16)}`),
  'yandex-iam-token': token('YC_IAM_TOKEN', (rng) => `t1.${mixed(rng, 180, B64URL)}.${mixed(rng, 86, B64URL)}`),
  'firebase-fcm-server-key': token('FCM_SERVER_KEY', (rng) => `AAAA${alnum(rng, 7)}:APA91b${mixed(rng, 134, B64URL)}`),
  'vault-legacy-token': token('VAULT_TOKEN', (rng) => `s.${alnum(rng, 24)}`),
  'azure-apim-subscription-key': (rng) => header('Ocp-Apim-Subscription-Key', hex(rng, 32)),
  'scalr-token': token('SCALR_TOKEN', jwt),

  // more AI
  'anthropic-oauth-token': token('CLAUDE_CODE_OAUTH_TOKEN', (rng) => `sk-ant-oat01-${mixed(rng, 93, B64URL)}AA`),
  'nvidia-api-key': token('NVIDIA_API_KEY', (rng) => `nvapi-${mixed(rng, 64, B64URL)}`),
  'langfuse-secret-key': token('LANGFUSE_SECRET_KEY', (rng) => `sk-lf-${uuidOf(rng)}`),
  'tavily-api-key': token('TAVILY_API_KEY', (rng) => `tvly-dev-${alnum(rng, 32)}`),
  'firecrawl-api-key': token('FIRECRAWL_API_KEY', (rng) => `fc-${hex(rng, 32)}`),
  'llamacloud-api-key': token('LLAMA_CLOUD_API_KEY', (rng) => `llx-${alnum(rng, 48)}`),
  'jina-api-key': token('JINA_API_KEY', (rng) => `jina_${alnum(rng, 60)}`),
  'modal-token-secret': token('MODAL_TOKEN_SECRET', (rng) => `as-${alnum(rng, 22)}`),
  'neptune-api-token': token('NEPTUNE_API_TOKEN', (rng) =>
    Buffer.from(JSON.stringify({ api_address: 'https://app.neptune.ai', api_url: 'https://app.neptune.ai', api_key: uuidOf(rng) })).toString('base64'),
  ),

  // more payments
  'shippo-test-token': token('SHIPPO_TEST_TOKEN', (rng) => `shippo_test_${hex(rng, 40)}`),
  'easypost-test-api-key': token('EASYPOST_TEST_API_KEY', (rng) => `EZTK${alnum(rng, 54)}`),
  'plaid-access-token': token('PLAID_ACCESS_TOKEN', (rng) => `access-production-${uuidOf(rng)}`),
  'plaid-sandbox-token': token('PLAID_ACCESS_TOKEN', (rng) => `access-sandbox-${uuidOf(rng)}`),
  'plaid-secret': token('PLAID_SECRET', (rng) => hex(rng, 30)),
  'ramp-api-credential': token('RAMP_CLIENT_SECRET', (rng) => `ramp_sec_${alnum(rng, 48)}`),
  'ramp-client-secret': token('RAMP_CLIENT_SECRET', (rng) => alnum(rng, 60)),
  'flutterwave-secret-key': token('FLW_SECRET_KEY', (rng) => `FLWSECK-${hex(rng, 32)}-X`),
  'flutterwave-encryption-key': token('FLW_ENCRYPTION_KEY', (rng) => `FLWSECK_TEST${hex(rng, 12)}`),
  'woocommerce-secret': token('WC_CONSUMER_SECRET', (rng) => `cs_${hex(rng, 40)}`),
  'mercury-api-token': token('MERCURY_API_TOKEN', (rng) => `secret-token:mercury_production_wma_${alnum(rng, 40)}_yrucrem`),
  'duffel-token': token('DUFFEL_ACCESS_TOKEN', (rng) => `duffel_live_${mixed(rng, 43, B64URL)}`),
  'adyen-api-key': token('ADYEN_API_KEY', (rng) => `AQEyhmfx${mixed(rng, 60, B64)}=-${mixed(rng, 40, B64)}=-${alnum(rng, 20)}`),
  'shopify-partner-token': token('SHOPIFY_PARTNER_TOKEN', (rng) => `prtapi_${hex(rng, 32)}`),

  // more messaging
  'slack-session-token': token('SLACK_XOXC', (rng) => `xoxc-${rng.chars(11, DIGITS)}-${rng.chars(12, DIGITS)}-${rng.chars(13, DIGITS)}-${hex(rng, 64)}`),
  'slack-session-cookie': token('SLACK_D_COOKIE', (rng) => `xoxd-${alnum(rng, 60)}%2F${alnum(rng, 60)}%2B${alnum(rng, 20)}%3D`),
  'brevo-smtp-key': token('BREVO_SMTP_KEY', (rng) => `xsmtpsib-${hex(rng, 64)}-${alnum(rng, 16)}`),
  'mandrill-api-key': token('MANDRILL_API_KEY', (rng) => `md-${alnum(rng, 22)}`),
  'mailersend-api-token': token('MAILERSEND_API_KEY', (rng) => `mlsn.${hex(rng, 64)}`),
  'resend-api-key': token('RESEND_API_KEY', (rng) => `re_${alnum(rng, 8)}_${alnum(rng, 24)}`),
  'telnyx-api-key': token('TELNYX_API_KEY', (rng) => `KEY${hex(rng, 32).toUpperCase()}_${alnum(rng, 22)}`),
  'pushbullet-token': token('PUSHBULLET_TOKEN', (rng) => `o.${alnum(rng, 32)}`),
  'mailgun-private-key': token('MAILGUN_API_KEY', (rng) => `${hex(rng, 32)}-${hex(rng, 8)}-${hex(rng, 8)}`),
  'zulip-api-key': token('ZULIP_API_KEY', (rng) => alnum(rng, 32)),

  // more SaaS
  'airtable-oauth-token': token('AIRTABLE_OAUTH_TOKEN', (rng) => `oaa${alnum(rng, 14)}.v1.${mixed(rng, 120, B64URL)}.${hex(rng, 64)}`),
  'new-relic-license-key': token('NEW_RELIC_LICENSE_KEY', (rng) => `${hex(rng, 36)}NRAL`),
  'facebook-app-token': (rng) => {
    const secret = hex(rng, 32);
    return { ...named('FB_APP_TOKEN', `${rng.chars(15, DIGITS).replace(/^0/, '1')}|${secret}`, secret), alone: `${rng.chars(16, DIGITS).replace(/^0/, '2')}|${secret}` };
  },
  'hubspot-private-app-token': token('HUBSPOT_ACCESS_TOKEN', (rng) => `pat-na1-${uuidOf(rng)}`),
  'asana-pat': token('ASANA_PAT', (rng) => `2/${rng.chars(16, DIGITS).replace(/^0/, '1')}/${rng.chars(16, DIGITS).replace(/^0/, '1')}:${hex(rng, 32)}`),
  'clickup-token': token('CLICKUP_API_TOKEN', (rng) => `pk_${rng.chars(8, DIGITS)}_${upperAlnum(rng, 32)}`),
  'posthog-personal-api-key': token('POSTHOG_PERSONAL_API_KEY', (rng) => `phx_${alnum(rng, 43)}`),
  'honeycomb-api-key': token('HONEYCOMB_API_KEY', (rng) => `hcaik_01${lowerAlnum(rng, 56)}`),
  'axiom-token': token('AXIOM_TOKEN', (rng) => `xaat-${uuidOf(rng)}`),
  'honeybadger-token': token('HONEYBADGER_AUTH_TOKEN', (rng) => `hbp_${alnum(rng, 36)}`),
  'rapidapi-key': (rng) => header('X-RapidAPI-Key', `${lowerAlnum(rng, 10)}msh${lowerAlnum(rng, 15)}p${lowerAlnum(rng, 6)}jsn${lowerAlnum(rng, 12)}`),
  'maxmind-license-key': token('MAXMIND_LICENSE_KEY', (rng) => `${alnum(rng, 6)}_${alnum(rng, 29)}_mmk`),
  'salesforce-access-token': token('SF_ACCESS_TOKEN', (rng) => `00D${alnum(rng, 15)}!AQ${alnum(rng, 40)}.${alnum(rng, 58)}`),
  'intercom-access-token': token('INTERCOM_TOKEN', (rng) => Buffer.from(`tok:${uuidOf(rng)}:1:0`).toString('base64')),
  'intra42-client-secret': token('FT_CLIENT_SECRET', (rng) => `s-s4t2ud-${hex(rng, 64)}`),
  'ubidots-token': token('UBIDOTS_TOKEN', (rng) => `BBFF-${alnum(rng, 30)}`),
  'adafruit-io-key': token('ADAFRUIT_IO_KEY', (rng) => `aio_${alnum(rng, 28)}`),
  'instagram-access-token': token('IG_ACCESS_TOKEN', (rng) => `IGQVJ${mixed(rng, 180, B64URL)}`),
  'klaviyo-private-key': token('KLAVIYO_PRIVATE_KEY', (rng) => `pk_${hex(rng, 34)}`),
  'onepassword-secret-key': token('OP_SECRET_KEY', (rng) => `A3-${upperAlnum(rng, 6)}-${upperAlnum(rng, 6)}-${upperAlnum(rng, 5)}-${upperAlnum(rng, 5)}-${upperAlnum(rng, 5)}-${upperAlnum(rng, 5)}`),

  // identity
  'bitwarden-access-token': token('BWS_ACCESS_TOKEN', (rng) => `0.${uuidOf(rng)}.${alnum(rng, 30)}:${mixed(rng, 22, B64)}==`),
  'onelogin-client-secret': token('ONELOGIN_CLIENT_SECRET', (rng) => hex(rng, 64)),
  'auth0-client-secret': token('AUTH0_CLIENT_SECRET', (rng) => mixed(rng, 64, B64URL)),
  'duo-secret-key': token('DUO_SECRET_KEY', (rng) => alnum(rng, 40)),
  'jumpcloud-api-key': token('JUMPCLOUD_API_KEY', (rng) => hex(rng, 40)),

  // key material
  'base64-private-key': (rng) => {
    const lines = pemBody(rng, 1190, 'MIIEo');
    const value = Buffer.from(`-----BEGIN RSA PRIVATE KEY-----\n${lines.join('\n')}\n-----END RSA PRIVATE KEY-----\n`).toString('base64');
    return { ...named('client-key-data', value), code: `kubeconfig = """\nusers:\n- name: admin\n  user:\n    client-key-data: ${value}\n"""`, printed: `    client-key-data: ${value}` };
  },
  'django-insecure-secret-key': token('SECRET_KEY', (rng) => `django-insecure-${mixed(rng, 50, `${LOWER}${DIGITS}!@$^&(-_=+)`)}`),
  'laravel-app-key': (rng) => {
    const key = `${mixed(rng, 43, B64)}=`;
    return { ...named('APP_KEY', `base64:${key}`, key), metadata: { key: 'env', value: `APP_KEY=base64:${key}` } };
  },

  // context-dependent shapes
  'npmrc-auth-token': (rng) => {
    const value = uuidOf(rng);
    const line = `//npm.pkg.acme-corp.internal/:_authToken=${value}`;
    return { secret: value, code: `!echo "${line}" >> ~/.npmrc`, printed: line, repr: pyRepr(`${line}\n`), metadata: { key: 'npmrc', value: line } };
  },
  'api-key-header': (rng) => header('X-Api-Key', uuidOf(rng)),
  'authorization-header': (rng) => {
    const value = uuidOf(rng);
    return header('Authorization', `Splunk ${value}`, value);
  },
  'uuid-api-key': token('HEROKU_API_KEY', uuidOf),
  'command-line-password': (rng) => {
    const password = mixed(rng, 14, `${ALNUM}!_`);
    const line = `curl -u svc-export:${password} https://reports.acme-corp.internal/api/export.csv`;
    return { secret: password, code: `!${line}`, printed: `$ ${line}`, repr: pyRepr(line), metadata: { key: 'command', value: line } };
  },
  // Azure identifiable keys
  'azure-storage-identifiable-key': token('AZURE_STORAGE_KEY', (rng) => `${mixed(rng, 76, B64)}+ASt${mixed(rng, 6, B64)}==`),
  'azure-cosmosdb-identifiable-key': token('COSMOS_KEY', (rng) => `${mixed(rng, 76, B64)}ACDb${mixed(rng, 6, B64)}==`),
  'azure-service-bus-identifiable-key': token('SERVICEBUS_KEY', (rng) => `${mixed(rng, 33, B64)}+ASb${mixed(rng, 5, B64)}=`),
  'azure-event-hubs-identifiable-key': token('EVENTHUB_KEY', (rng) => `${mixed(rng, 33, B64)}+AEh${mixed(rng, 5, B64)}=`),
  'azure-functions-identifiable-key': token('AZURE_FUNCTION_KEY', (rng) => `${mixed(rng, 44, B64URL)}AzFu${mixed(rng, 5, B64URL)}Q==`),
  'azure-search-identifiable-key': token('AZURE_SEARCH_ADMIN_KEY', (rng) => `${alnum(rng, 42)}AzSe${alnum(rng, 6)}`),
  'azure-container-registry-identifiable-key': token('ACR_PASSWORD', (rng) => `${mixed(rng, 42, B64)}+ACR${mixed(rng, 6, B64)}`),
  'azure-devops-identifiable-pat': token('AZURE_DEVOPS_PAT', (rng) => `${alnum(rng, 76)}AZDO${alnum(rng, 4)}`),

  // second batch
  'aws-bedrock-api-key': token('AWS_BEARER_TOKEN_BEDROCK', (rng) => `ABSKQmVkcm9ja0FQSUtleS${mixed(rng, 120, B64)}=`),
  'cloudinary-url': (rng) => {
    const secret = mixed(rng, 27, B64URL);
    const url = `cloudinary://${rng.chars(15, DIGITS).replace(/^0/, '4')}:${secret}@acme-media`;
    return { ...inText('CLOUDINARY_URL', url, secret), alone: url };
  },
  'linode-token': token('LINODE_TOKEN', (rng) => hex(rng, 64)),
  'vultr-api-key': token('VULTR_API_KEY', (rng) => upperAlnum(rng, 36)),
  'hetzner-api-token': token('HCLOUD_TOKEN', (rng) => alnum(rng, 64)),
  'e2b-api-key': token('E2B_API_KEY', (rng) => `e2b_${hex(rng, 40)}`),
  'serpapi-key': token('SERPAPI_API_KEY', (rng) => hex(rng, 64)),
  'dingtalk-webhook-token': (rng) => {
    const path = `oapi.dingtalk.com/robot/send?access_token=${hex(rng, 64)}`;
    return { ...inText('ding_webhook', `https://${path}`, path), alone: `https://${path}` };
  },
  'feishu-webhook-url': (rng) => {
    const path = `open.feishu.cn/open-apis/bot/v2/hook/${uuidOf(rng)}`;
    return { ...inText('lark_webhook', `https://${path}`, path), alone: `https://${path}` };
  },
  'wecom-webhook-url': (rng) => {
    const path = `qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${uuidOf(rng)}`;
    return { ...inText('wecom_webhook', `https://${path}`, path), alone: `https://${path}` };
  },
  'loggly-token-url': (rng) => {
    const path = `loggly.com/inputs/${uuidOf(rng)}`;
    return { ...inText('loggly_url', `https://logs-01.${path}/tag/http/`, path), alone: `https://logs-01.${path}/tag/http/` };
  },
  'sumologic-collector-url': (rng) => {
    const path = `sumologic.com/receiver/v1/http/${mixed(rng, 110, B64)}==`;
    return { ...inText('sumo_url', `https://endpoint4.collection.us2.${path}`, path), alone: `https://endpoint4.collection.us2.${path}` };
  },
  'launchdarkly-key': token('LAUNCHDARKLY_SDK_KEY', (rng) => `sdk-${uuidOf(rng)}`),
  'statsig-server-secret': token('STATSIG_SERVER_SECRET', (rng) => `secret-${alnum(rng, 43)}`),
  'unleash-api-token': token('UNLEASH_API_TOKEN', (rng) => `default:production.${hex(rng, 64)}`),
  'trello-token': token('TRELLO_TOKEN', (rng) => `ATTA${hex(rng, 64)}${hex(rng, 8).toUpperCase()}`),
  'alpaca-secret-key': token('APCA_API_SECRET_KEY', (rng) => alnum(rng, 40)),
  'binance-api-secret': token('BINANCE_API_SECRET', (rng) => alnum(rng, 64)),
  'etherscan-api-key': token('ETHERSCAN_API_KEY', (rng) => upperAlnum(rng, 34)),
  'infura-api-key': token('INFURA_API_KEY', (rng) => hex(rng, 32)),
  'alchemy-api-key': token('ALCHEMY_API_KEY', (rng) => mixed(rng, 32, B64URL)),
  'finnhub-api-key': token('FINNHUB_API_KEY', (rng) => lowerAlnum(rng, 20)),
  'tiingo-api-key': token('TIINGO_API_KEY', (rng) => hex(rng, 40)),
  'newsapi-key': token('NEWSAPI_KEY', (rng) => hex(rng, 32)),
};
