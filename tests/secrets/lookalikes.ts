import { crc32 } from 'node:zlib';
import { base62 } from '../../src/detectors/secrets/validators';
import { ALNUM, B64, B64URL, BASE32, base64url, bech32, checksummed, HEX, LETTERS, mixed, Rng } from './random';

/**
 * Per-rule look-alikes: strings with (nearly) the rule's shape that are not its secret, from
 * the rule's own failure modes (wrong checksum, wrong length or alphabet, placeholders, docs
 * examples, values read at run time). Each must not make that rule report.
 */
function badChecksum(rng: Rng, prefix: string): string {
  const good = checksummed(rng, prefix);
  const random = good.slice(prefix.length, prefix.length + 30);
  const wrong = base62((crc32(random) + 1) >>> 0, 6);
  return `${prefix}${random}${wrong}`;
}

const pemLines = (body: string): string => body.match(/.{1,64}/g)!.join('\n');

export const LOOKALIKES: Readonly<Record<string, (rng: Rng) => string[]>> = {
  'github-pat': (rng) => [
    `GITHUB_TOKEN = "${badChecksum(rng, 'ghp_')}"`,
    `token = "ghp_${mixed(rng, 35)}"`,
    `GITHUB_TOKEN = "ghp_${'a'.repeat(36)}"`,
    `x = "prefix${checksummed(rng, 'ghp_').slice(0, 20)}"`,
  ],
  'github-oauth-token': (rng) => [`t = "${badChecksum(rng, 'gho_')}"`],
  'github-app-user-token': (rng) => [`t = "${badChecksum(rng, 'ghu_')}"`],
  'github-app-installation-token': (rng) => [`t = "${badChecksum(rng, 'ghs_')}"`],
  'github-refresh-token': (rng) => [`t = "${badChecksum(rng, 'ghr_')}"`],
  'github-fine-grained-pat': (rng) => [`GITHUB_TOKEN = "github_pat_${mixed(rng, 22)}_${mixed(rng, 40)}"`, 'github_pat_11AAAAAAAAAAAAAAAAAAAA_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  'npm-token': (rng) => [`//registry.npmjs.org/:_authToken=${badChecksum(rng, 'npm_')}`, 'NPM_TOKEN = "npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'],
  'aws-access-key-id': (rng) => [
    'aws_access_key_id = "AKIAIOSFODNN7EXAMPLE"',
    `key = "AKIA${mixed(rng, 16, BASE32).toLowerCase()}"`,
    `key = "AKIA${mixed(rng, 15, BASE32)}"`,
    `blob = "X9AKIA${mixed(rng, 16, BASE32)}Q"`,
    'AWS_ACCESS_KEY_ID = "AKIAXXXXXXXXXXXXXXXX"',
  ],
  'aws-secret-access-key': (rng) => [
    'aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
    'aws_secret_access_key = os.environ["AWS_SECRET_ACCESS_KEY"]',
    `aws_secret_access_key = "${'ab12'.repeat(10)}"`,
    `aws_secret_access_key = "${mixed(rng, 39, B64)}"`,
  ],
  'aws-secret-access-key-paired': (rng) => [
    `sha = "${mixed(rng, 40, B64)}"  # no key id anywhere near`,
    `AKIA${mixed(rng, 16, BASE32)} commit ${mixed(rng, 40, HEX)}`,
    `AKIA${mixed(rng, 16, BASE32)}${' '.repeat(500)}${mixed(rng, 40, B64)}`,
  ],
  'gcp-api-key': (rng) => [`key = "AIza${mixed(rng, 34, B64URL)}"`, 'GOOGLE_API_KEY = "AIzaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'],
  jwt: (rng) => [
    'token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"',
    `t = "eyJ${mixed(rng, 30, B64URL)}.eyJ${mixed(rng, 30, B64URL)}.${mixed(rng, 43, B64URL)}"`,
    `t = "${base64url('{"alg":"HS256"}')}.${base64url('{"sub":"1"}')}"`,
    `t = "${base64url('{"alg":"HS256","typ":"JWT"}')}.${base64url('{"sub":"1"}')}.short"`,
  ],
  'private-key-rsa': (rng) => [
    'key = "-----BEGIN RSA PRIVATE KEY-----\\n...\\n-----END RSA PRIVATE KEY-----"',
    `-----BEGIN RSA PRIVATE KEY-----\n${pemLines(`MIIEpAIBAAKCAQEA${'A'.repeat(400)}`)}\n-----END RSA PRIVATE KEY-----`,
    'assert pem.startswith("-----BEGIN RSA PRIVATE KEY-----")',
    `-----BEGIN RSA PUBLIC KEY-----\n${pemLines(rng.bytes(270).toString('base64'))}\n-----END RSA PUBLIC KEY-----`,
  ],
  'private-key-pkcs8': (rng) => [
    `-----BEGIN PUBLIC KEY-----\n${pemLines(rng.bytes(294).toString('base64'))}\n-----END PUBLIC KEY-----`,
    `-----BEGIN CERTIFICATE-----\n${pemLines(rng.bytes(900).toString('base64'))}\n-----END CERTIFICATE-----`,
  ],
  'age-secret-key': (rng) => {
    const good = bech32('age-secret-key-', rng.bytes(32)).toUpperCase();
    const flipped = good.slice(0, 30) + (good[30] === 'Q' ? 'P' : 'Q') + good.slice(31);
    return [`AGE_KEY = "${flipped}"`];
  },
  'postgres-url-password': () => [
    'DATABASE_URL = "postgresql://user:password@localhost:5432/mydb"',
    'url = f"postgresql://{user}:{password}@{host}/{db}"',
    'url = "postgresql://${DB_USER}:${DB_PASSWORD}@db:5432/app"',
    'url = "postgres://postgres:postgres@localhost/postgres"',
    'engine = create_engine("postgresql://scott:tiger@localhost/test")',
    'url = "postgresql://analytics@warehouse.internal/sales"',
    'url = "postgresql://<user>:<password>@<host>/<db>"',
    'url = "postgresql://admin:%(password)s@db/app"',
  ],
  'mongodb-url-password': () => ['MONGO = "mongodb+srv://<username>:<password>@cluster0.mongodb.net/test"', 'MONGO = "mongodb://myuser:mypassword@localhost:27017"'],
  'amqp-url-password': () => ['BROKER = "amqp://guest:guest@localhost:5672//"'],
  'url-basic-auth': () => ['!curl -u username:password url', 'server = "http://localhost:8888/?token=abc"', 'url = "https://user:pass@example.com/repo.git"', 'git clone https://git@github.com/acme/repo.git'],
  'generic-password': () => [
    'password = getpass.getpass("Password: ")',
    'password = os.environ["DB_PASSWORD"]',
    'password_hash = "9f86d081884c7d659a2feaa0c55ad015"',
    'password = "changeme"',
    'password = "password123"',
    'password = ""',
    'def login(user, password: str = None):',
    'PASSWORD_MIN_LENGTH = 12',
    'password = input("password? ")',
    'if password == user_password:',
    'passwords = ["a1b2c3d4", "e5f6g7h8"]',
    "widgets.Password(value='password', placeholder='Enter password')",
    'password = hunter2var',
    'password: <your password>',
    'password = config.DB_PASSWORD',
  ],
  'generic-secret': (rng) => [
    'token = tokenizer.encode("hello world")',
    'max_tokens = 1024',
    `token_ids = [101, 7592, 102]`,
    'secret_name = "prod-db-credentials"',
    'api_key = "YOUR_API_KEY"',
    'api_key = "<api-key>"',
    'access_token = None',
    'secret = "my-service-account-name"',
    'api_key = "123e4567-e89b-12d3-a456-426614174000"',
    'TOKEN_URL = "https://auth.acme.com/oauth/token"',
    'api_key_path = "/run/secrets/api_key.json"',
    'token = f"{prefix}-{n}"',
    `commit_token = "${mixed(rng, 40, HEX)}"  # sha256: is not a prefix here, but the name is fine`.replace(/commit_token/, 'commit_hash'),
    'use_auth_token = True',
    'client_secret = settings.CLIENT_SECRET',
    `SECRET_KEY = "django-insecure-${'x'.repeat(30)}"`,
    'GOOGLE_APPLICATION_CREDENTIALS = "/home/jdoe/keys/service-account.json"',
  ],
  'authorization-bearer': () => ['headers = {"Authorization": "Bearer <token>"}', 'headers = {"Authorization": "Bearer " + token}', 'auth = f"Bearer {token}"', 'Authorization: Bearer YOUR_ACCESS_TOKEN_HERE'],
  'authorization-basic': () => [`headers = {"Authorization": "Basic ${Buffer.from('user:password').toString('base64')}"}`, 'Authorization: Basic dGVzdA=='],
  'twilio-api-key': (rng) => [`x = "SK${mixed(rng, 31, HEX)}"`, `TASK${mixed(rng, 32, HEX)}`, `SK${mixed(rng, 32, HEX).toUpperCase()}Z`],
  'slack-webhook-url': () => ['url = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"'],
  'huggingface-token': () => ['from hf_transfer import download', 'hf_modelcheckpointdirectoryforrunsx = 1', 'HF_TOKEN = "hf_..."', 'HF_TOKEN = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'],
  'stripe-secret-key': () => ['stripe.api_key = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"', 'key = "sk_live_..."'],
  'stripe-test-key': () => ['stripe.api_key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"'],
  'mailchimp-api-key': (rng) => [`${mixed(rng, 32, HEX)}-usual`],
  'discord-bot-token': (rng) => [`DISCORD_TOKEN = "${base64url('not-a-number-here')}.${mixed(rng, 6, B64URL)}.${mixed(rng, 38, B64URL)}"`],
  'telegram-bot-token': (rng) => [`TELEGRAM_BOT_TOKEN = "12345:AA${mixed(rng, 33, B64URL)}"`],
  'kaggle-json-key': () => ['{"username": "jdoe", "key": "<your kaggle key>"}'],
  'facebook-access-token': (rng) => [`blob = "${mixed(rng, 50, B64)}EAA${mixed(rng, 120, ALNUM)}"`],
  'twitter-bearer-token': (rng) => [`data = "AAAAAAAAAAAAAAAAAAAAA${'A'.repeat(60)}B${mixed(rng, 3, ALNUM)}"`],
  'azure-sas-token': (rng) => [`url = "https://x.example/file?sig=${mixed(rng, 43, ALNUM)}%3D"`],
  'openai-api-key': () => ['OPENAI_API_KEY = "sk-..."', 'openai.api_key = "sk-proj-..."'],
  'openai-project-key': (rng) => [`OPENAI_API_KEY = "sk-proj-${mixed(rng, 40, B64URL)}"`, 'OPENAI_API_KEY = "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'],
  'datadog-api-key': () => ['DD_API_KEY = os.environ["DD_API_KEY"]', 'dd_api_key: ${DD_API_KEY}'],
  'anthropic-api-key': (rng) => [`ANTHROPIC_API_KEY = "sk-ant-api03-${mixed(rng, 90, B64URL)}"`],
  'private-key-openssh': () => ['ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519  # writes -----BEGIN OPENSSH PRIVATE KEY-----'],
  'vault-legacy-token': (rng) => [`cfg = "s.${mixed(rng, 24, ALNUM)}"  # no word of the provider near it`, `VAULT_ADDR = "https://vault.acme.io"\nname = "s.abcdefghijklmnopqrstuvwx"`],
  'sentry-org-token': (rng) => [`SENTRY_AUTH_TOKEN = "sntrys_eyJ${mixed(rng, 120, ALNUM)}_${mixed(rng, 43, ALNUM)}"`],
  'onepassword-service-account-token': (rng) => [`OP_SERVICE_ACCOUNT_TOKEN = "ops_eyJ${mixed(rng, 300, B64URL)}"`],
  'neptune-api-token': (rng) => [`NEPTUNE_API_TOKEN = "eyJhcGlfYWRkcmVzcyI6${mixed(rng, 100, ALNUM)}"`],
  'base64-private-key': (rng) => [`client-certificate-data: ${Buffer.from(`-----BEGIN CERTIFICATE-----\n${rng.bytes(600).toString('base64')}\n-----END CERTIFICATE-----\n`).toString('base64')}`, `client-key-data: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t${'A'.repeat(300)}`],
  'facebook-app-token': (rng) => [`| 2024 | ${mixed(rng, 32, HEX)} |`, `id = "${mixed(rng, 14, '0123456789')}|${mixed(rng, 32, HEX)}"`],
  'asana-pat': (rng) => [`ratio = 1/${mixed(rng, 12, '0123456789')}`, `path = "/v1/2/${mixed(rng, 16, '0123456789')}:${mixed(rng, 32, HEX)}"`],
  'modal-token-secret': () => ['class_as-ImplementationDetailsOk = 1', 'as-interpreted-by-the-parser-x'],
  'pushbullet-token': () => ['foo.bar_baz_qux_quux_corge_grault = 1', 'o.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  'octopus-deploy-api-key': () => ['API-GATEWAY-ENDPOINT-CONFIGURATION', 'x-API-ABCDEFGHIJKLMNOPQRSTUVWXYZ12'],
  'command-line-password': () => ['!docker run -u 1000:1000 image', '!curl -u user:password https://x.io', '!curl -u admin:$PASSWORD https://x.io', '!ssh -u a:b host'],
  'api-key-header': () => ['headers = {"X-Api-Key": api_key}', 'headers = {"X-Api-Key": "<your-api-key>"}', 'X-Api-Key: ${ACME_API_KEY}'],
  'authorization-header': () => ['headers = {"Authorization": auth}', 'Authorization: Bearer', '"Authorization": "token " + github_token'],
  'uuid-api-key': (rng) => [`HEROKU_APP_ID = "${mixed(rng, 8, HEX)}-${mixed(rng, 4, HEX)}-4${mixed(rng, 3, HEX)}-a${mixed(rng, 3, HEX)}-${mixed(rng, 12, HEX)}"`, 'SNYK_TOKEN = "123e4567-e89b-12d3-a456-426614174000"'],
  'npmrc-auth-token': () => ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', '//registry.npmjs.org/:_authToken=YOUR_NPM_TOKEN_HERE'],
  'cohere-api-key': (rng) => [`co = cohere.Client(os.environ["COHERE_API_KEY"])`, `COHERE_API_KEY = "${mixed(rng, 40, LETTERS).toLowerCase()}"`],
};
