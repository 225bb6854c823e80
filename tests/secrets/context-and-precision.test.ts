import { builtInScanner } from '../../src/detectors/secrets';
import { isSequential, isVariableReference } from '../../src/detectors/secrets/allowlist';
import { ALNUM, B64, B64URL, base64url, DIGITS, HEX, LETTERS, mixed, Rng } from './random';

/**
 * Issue 22: credentials recognised by their context (UUIDs and other shapeless values), lines that
 * are not Python in code cells, passwords in connection URLs, and the placeholder shapes that must
 * stay silent.
 */
const scanner = builtInScanner();
const rng = new Rng(22);
const uuid = (): string => `${mixed(rng, 8, HEX)}-${mixed(rng, 4, HEX)}-4${mixed(rng, 3, HEX)}-b${mixed(rng, 3, HEX)}-${mixed(rng, 12, HEX)}`;
const found = (text: string, isCode = false): [string, string][] => scanner.scan(text, { isCode }).map((m) => [m.ruleId, m.secret]);

describe('context-dependent shapes', () => {
  it('reports a UUID after .npmrc _authToken, in code and in output', () => {
    const value = uuid();
    expect(found(`//registry.npmjs.org/:_authToken=${value}\n`)).toEqual([['npmrc-auth-token', value]]);
    expect(found(`!echo "//npm.acme.internal/:_authToken=${value}" >> ~/.npmrc`, true)).toEqual([['npmrc-auth-token', value]]);
    expect(found('//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n')).toEqual([]);
    const password = `${mixed(rng, 16, ALNUM)}!42`;
    expect(found(`db_password: ${password}`)).toEqual([['generic-password', password]]); // not an .npmrc key
  });

  it('reports a UUID assigned to a Heroku / Snyk / Codecov key, not a UUID id', () => {
    const value = uuid();
    expect(found(`HEROKU_API_KEY=${value}\n`)).toEqual([['uuid-api-key', value]]);
    expect(found(`SNYK_TOKEN = "${value}"`, true)).toEqual([['uuid-api-key', value]]);
    expect(found(`{'CODECOV_TOKEN': '${value}'}`)).toEqual([['uuid-api-key', value]]);
    expect(found(`HEROKU_APP_ID=${value}\nsession_token = "${value}"\nrun_id = "${value}"`, true)).toEqual([]);
    expect(found('HEROKU_API_KEY = "123e4567-e89b-12d3-a456-426614174000"', true)).toEqual([]); // RFC 4122's example
  });

  it('reports Authorization headers with other schemes than Bearer and Basic, once', () => {
    const value = uuid();
    expect(found(`> Authorization: ${value}`)).toEqual([['authorization-header', value]]);
    expect(found(`headers = {"Authorization": "Splunk ${value}"}`, true)).toEqual([['authorization-header', value]]);
    const bearer = mixed(rng, 40, B64URL);
    expect(found(`Authorization: Bearer ${bearer}`)).toEqual([['authorization-bearer', bearer]]);
    expect(found('headers = {"Authorization": auth_header_value_from_vault}', true)).toEqual([]);
    expect(found('headers = {"Authorization": f"token {token}"}', true)).toEqual([]);
  });

  it('reports API key headers written out, not header names given a variable', () => {
    const value = mixed(rng, 32, ALNUM);
    expect(found(`!curl -H "X-Api-Key: ${value}" https://api.acme.io/v1/items`, true)).toEqual([['api-key-header', value]]);
    expect(found(`< x-api-key: ${value}`)).toEqual([['api-key-header', value]]);
    const id = uuid();
    expect(found(`requests.get(url, headers={"X-Api-Key": "${id}"})`, true)).toEqual([['api-key-header', id]]);
    expect(found('requests.get(url, headers={"X-Api-Key": api_key_loaded_from_env})', true)).toEqual([]);
    expect(found('headers = {"X-Api-Key": os.environ["ACME_API_KEY"]}', true)).toEqual([]);
  });

  it('reports curl -u user:password, not trivial passwords or other commands with -u', () => {
    const password = `${mixed(rng, 12, ALNUM)}!`;
    expect(found(`!curl -sS -u analyst:${password} https://reports.acme.io/export`, true)).toEqual([['command-line-password', password]]);
    expect(found(`$ wget --password=${password} https://files.acme.io/a.csv`)).toEqual([['command-line-password', password]]);
    expect(found('!curl -u user:password https://api.acme.io', true)).toEqual([]);
    expect(found('!curl -u admin:$ADMIN_PASSWORD https://api.acme.io', true)).toEqual([]);
    expect(found('!docker run -u 1000:1000 image', true)).toEqual([]);
    expect(found('!pip install -U pandas:latest', true)).toEqual([]);
  });
});

describe('lines that are not Python in a code cell', () => {
  const value = `${mixed(rng, 20, ALNUM)}-${mixed(rng, 8, ALNUM)}`;

  it('reads env-file lines and YAML lines as text', () => {
    expect(found(`import os\nACME_SERVICE_TOKEN=${value}\nDEBUG=1\n`, true)).toEqual([['generic-secret', value]]);
    expect(found(`config:\n  api_key: ${value}\n  region: eu-west-1\n`, true)).toEqual([['generic-secret', value]]);
    expect(found(`DB_PASSWORD=${value}  # from the vault\n`, true)).toEqual([['generic-password', value]]);
  });

  it('still reads Python assignments of names as variables', () => {
    expect(found('token=tokenizer_output_for_batch_2\napi_key = load_the_api_key_v2\n', true)).toEqual([]);
    expect(found(`client = Client(api_key=${value.replace('-', '_')}, timeout=3)\n`, true)).toEqual([]);
    expect(found(`token: TokenTypeAliasWithALongName2\n`, true)).toEqual([]);
  });
});

describe('connection URLs', () => {
  it('reports passwords that merely contain a word such as secret or admin', () => {
    expect(found('MONGO_URI = "mongodb://admin:secretKey456@db.acme-corp.internal:27017/app"', true)).toEqual([['mongodb-url-password', 'secretKey456']]);
    expect(found('postgresql://etl:Adm1nTokenPass77@warehouse.acme.io/sales')).toEqual([['postgres-url-password', 'Adm1nTokenPass77']]);
  });

  it('reports a real password on an example host, not a placeholder or trivial one', () => {
    const password = mixed(rng, 14, ALNUM);
    expect(found(`https://jdoe:${password}@git.example.com/repo.git`)).toEqual([['url-basic-auth', password]]);
    expect(found('postgresql://user:1111@db.example.com/app')).toEqual([]);
    expect(found('postgresql://user:1111@warehouse.acme.io/app')).toEqual([]);
    expect(found('mysql://root:password123@localhost/db')).toEqual([]);
    expect(found('mongodb://myuser:mypassword@localhost:27017')).toEqual([]);
    expect(found('https://user:testsecret42@api.example.com/v1')).toEqual([]);
  });
});

describe('placeholder shapes stay silent', () => {
  it('knows alphabet and keyboard runs', () => {
    for (const value of ['abcdefghijklmnopqrstuvwxyz', 'abc123xyz789abc123xyz789', '0123456789abcdef0123', 'ABCDEFGHIJ1234567890']) {
      expect({ value, sequential: isSequential(value) }).toEqual({ value, sequential: true });
    }
    const random = new Rng(5);
    for (let i = 0; i < 200; i++) {
      const value = mixed(random, 40, ALNUM);
      expect({ value, sequential: isSequential(value) }).toEqual({ value, sequential: false });
    }
    expect(found('SECRET_KEY = "abcdefghijklmnopqrstuvwxyz"\napi_key = "abc123xyz789abc123xyz789"', true)).toEqual([]);
    expect(found('stripe.api_key = "sk_live_abcdefghijklmnopqrstuvwx1234"', true)).toEqual([]);
    expect(found('SLACK_TOKEN = "xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx"', true)).toEqual([]);
  });

  it('knows #### and xxxx runs inside a valid prefix', () => {
    expect(found('SLACK_TOKEN = "xoxp-1234567890-1234567890-1234567890-################################"', true)).toEqual([]);
    expect(found('SLACK_TOKEN = "xoxb-20948123-50283719-xxxxxxxxxxxxxxxxxxxxxxxx"', true)).toEqual([]);
    expect(found(`OPENAI_API_KEY = "sk-proj-${mixed(rng, 20, ALNUM)}XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"`, true)).toEqual([]);
  });

  it('knows values truncated with an ellipsis', () => {
    expect(found(`stripe.api_key = "sk_live_${mixed(rng, 30, ALNUM)}..."`, true)).toEqual([]);
    expect(found(`HF_TOKEN = "hf_${mixed(rng, 34, LETTERS)}…"`, true)).toEqual([]);
    expect(found(`Your token: glpat-${mixed(rng, 20, B64URL)}...`)).toEqual([]);
  });

  it('knows variable references', () => {
    for (const value of ['$DB_PASS', '${TOKEN}', '$(cat /run/secrets/pw)', '%API_KEY%', '{{ token }}', '{api_key}']) {
      expect({ value, reference: isVariableReference(value) }).toEqual({ value, reference: true });
    }
    expect(found('!mysql -u root --password=$DB_PASS_PRODUCTION_2 -e "select 1"', true)).toEqual([]);
    expect(found('export ACME_TOKEN=${ACME_TOKEN_FROM_CI_2}\napi_key: {{ acme_api_key_value }}\npassword = "%(db_password)s"', false)).toEqual([]);
  });

  it("knows jwt.io's sample tokens, whatever their signature", () => {
    const header = base64url('{"alg":"HS256","typ":"JWT"}');
    for (const payload of ['{"sub":"1234567890","name":"John Doe","iat":1516239022}', '{"sub":"1234567890","name":"John Doe","admin":true,"iat":1516239022}']) {
      expect(found(`token = "${header}.${base64url(payload)}.${mixed(rng, 43, B64URL)}"`, true)).toEqual([]);
    }
    const real = `${header}.${base64url('{"sub":"8812","name":"svc-etl","iat":1716239022}')}.${mixed(rng, 43, B64URL)}`;
    expect(found(`print("${real}")`, true)).toEqual([['jwt', real]]);
  });

  it("knows providers' published examples", () => {
    expect(found('client = WebClient(token="xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy")', true)).toEqual([]);
    expect(found('bot = Bot("110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")', true)).toEqual([]);
    expect(found('curl -H "Authorization: token ghp_16C7e42F292c6912E7710c838347Ae178B4a" https://api.github.com/user')).toEqual([]);
  });

  it('knows structured tokens whose embedded JSON does not decode', () => {
    expect(found(`SENTRY_AUTH_TOKEN = "sntrys_eyJ${mixed(rng, 120, B64URL).replace(/_/g, 'a')}_${mixed(rng, 43, ALNUM)}"`, true)).toEqual([]);
    expect(found(`OP_SERVICE_ACCOUNT_TOKEN = "ops_eyJ${mixed(rng, 400, B64URL)}"`, true)).toEqual([]);
    expect(found(`token = "${base64url('{"typ":"JWT","alg":"HS256"}')}.eyJ${mixed(rng, 40, B64URL)}.${mixed(rng, 43, B64URL)}"`, true)).toEqual([]);
  });

  it('keeps Facebook app ids next to a bar and hex in tables quiet when the shape is off', () => {
    expect(found(`| 123 | ${mixed(rng, 32, HEX)} |`)).toEqual([]);
    expect(found(`${mixed(rng, 15, DIGITS)}|${mixed(rng, 31, HEX)}`)).toEqual([]);
    expect(found(`${mixed(rng, 40, B64)}`)).toEqual([]);
  });
});
