import { createHash } from 'node:crypto';
import type { JsonObject } from '../../src/notebook/json';
import { codeCell, jupyterJson, markdownCell, notebookJson, resultOutput, streamOutput } from '../helpers/notebook';
import { FAKES, type Fake } from './fakes';
import { ALNUM, B64, HEX, mixed, Rng } from './random';

/**
 * Builds a labelled evaluation set from the catalog: for every rule a notebook holding fake
 * secrets of its shape in a cell source, a stream output, a traceback with colour codes, an
 * execute_result and metadata; plus decoy notebooks full of things that look like secrets and
 * are not. Each expected secret is known by its SHA-256 and the cell it sits in.
 */
export type Placement = 'source' | 'stream' | 'traceback' | 'result' | 'metadata';
export const PLACEMENTS: readonly Placement[] = ['source', 'stream', 'traceback', 'result', 'metadata'];

export interface Expected {
  readonly rule: string;
  readonly placement: Placement;
  /** 1-based cell number, as findings count. */
  readonly cell: number | null;
  readonly hash: string;
  /** Other secrets in the same place that may be reported too. */
  readonly alsoHashes: readonly string[];
}

export interface LabelledNotebook {
  readonly name: string;
  readonly text: string;
  readonly expected: readonly Expected[];
}

export const sha = (secret: string): string => `sha256:${createHash('sha256').update(secret).digest('hex')}`;

const ESC = '\u001b';

/** IPython's traceback colouring: line arrow, `=` and string literals wrapped in colour codes. */
export function colourTraceback(code: string): string {
  const coloured = code
    .replace(/"""[\s\S]*?"""|"[^"\n]*"|'[^'\n]*'/g, (literal) => `${ESC}[38;5;124m${literal}${ESC}[39m`)
    .replace(/ = /g, ` ${ESC}[38;5;241m=${ESC}[39m `);
  return `${ESC}[0;32m----> 3${ESC}[0m ${coloured}`;
}

function placementCell(placement: Placement, fake: Fake, withCellMetadata: boolean): JsonObject {
  switch (placement) {
    case 'source':
      return codeCell(`import requests\n\n${fake.code}\nresponse = requests.get(URL, timeout=10)\n`);
    case 'stream':
      return codeCell('print_config()\n', { execution_count: 2, outputs: [streamOutput(`Loaded configuration:\n${fake.printed}\nready.\n`)] });
    case 'traceback':
      return codeCell('connect()\n', {
        execution_count: 3,
        outputs: [
          {
            output_type: 'error',
            ename: 'ConnectionError',
            evalue: 'could not reach the service',
            traceback: [
              `${ESC}[0;31m---------------------------------------------------------------------------${ESC}[0m`,
              `${ESC}[0;31mConnectionError${ESC}[0m                           Traceback (most recent call last)`,
              `Cell ${ESC}[0;32mIn[3], line 3${ESC}[0m\n${ESC}[1;32m      1${ESC}[0m ${ESC}[38;5;28;01mimport${ESC}[39;00m ${ESC}[38;5;21;01mrequests${ESC}[39;00m\n${colourTraceback(fake.code)}\n`,
              `${ESC}[0;31mConnectionError${ESC}[0m: could not reach the service`,
            ],
          },
        ],
      });
    case 'result':
      return codeCell('settings\n', { execution_count: 4, outputs: [resultOutput({ 'text/plain': fake.repr }, 4)] });
    case 'metadata':
      return withCellMetadata
        ? codeCell('run()\n', { metadata: { papermill: { parameters: { [fake.metadata.key]: fake.metadata.value } } } })
        : markdownCell('Parameters are in the notebook metadata.\n');
  }
}

/** One notebook per catalog rule with its five placements (metadata alternates cell / notebook level). */
export function ruleNotebook(rule: string, seed: number): LabelledNotebook {
  const make = FAKES[rule];
  if (!make) throw new Error(`no fake generator for rule ${rule}`);
  const rng = new Rng(seed);
  const cells: JsonObject[] = [markdownCell(`# Evaluation notebook for ${rule}\n`)];
  const expected: Expected[] = [];
  const cellLevelMetadata = seed % 2 === 0;
  let notebookMetadata: JsonObject = {};
  for (const placement of PLACEMENTS) {
    const fake = make(rng);
    cells.push(placementCell(placement, fake, cellLevelMetadata));
    const onNotebook = placement === 'metadata' && !cellLevelMetadata;
    if (onNotebook) notebookMetadata = { papermill: { parameters: { [fake.metadata.key]: fake.metadata.value } } };
    expected.push({ rule, placement, cell: onNotebook ? null : cells.length, hash: sha(fake.secret), alsoHashes: (fake.also ?? []).map(sha) });
  }
  return { name: `${rule}.ipynb`, text: jupyterJson(notebookJson(cells, notebookMetadata)), expected };
}

/** Notebooks with no secret at all, built from what generic scanners mistake for one. */
export function decoyNotebooks(seed: number): LabelledNotebook[] {
  const rng = new Rng(seed);
  const uuid = (): string => `${mixed(rng, 8, HEX)}-${mixed(rng, 4, HEX)}-4${mixed(rng, 3, HEX)}-a${mixed(rng, 3, HEX)}-${mixed(rng, 12, HEX)}`;
  const sha1 = (): string => mixed(rng, 40, HEX);
  const sha256 = (): string => mixed(rng, 64, HEX);
  const png = rng.bytes(6000).toString('base64');
  const decoys: [string, JsonObject[], JsonObject?][] = [
    [
      'images',
      [
        codeCell('plt.plot(x, y)\n', {
          execution_count: 1,
          outputs: [
            { output_type: 'display_data', metadata: {}, data: { 'image/png': png, 'image/jpeg': rng.bytes(3000).toString('base64'), 'text/plain': ['<Figure size 640x480 with 1 Axes>'] } },
          ],
        }),
        codeCell('display(HTML(img))\n', {
          execution_count: 2,
          outputs: [resultOutput({ 'text/html': [`<img src="data:image/png;base64,${png}" width="300"/>\n`, `<a href="data:application/octet-stream;base64,${rng.bytes(900).toString('base64')}" download>token.bin</a>`] }, 2)],
        }),
        markdownCell('![plot](attachment:plot.png)\n', { attachments: { 'plot.png': { 'image/png': png } } }),
        codeCell('anim\n', {
          execution_count: 3,
          outputs: [resultOutput({ 'text/html': [`<script>\nframes[0] = "data:image/png;base64,${png.slice(0, 2000)}\\\n${png.slice(2000, 4000)}";\n</script>`] }, 3)],
        }),
      ],
    ],
    [
      'widgets',
      // Widget state is scanned (a strip may keep it): here it holds nothing secret, only references between models.
      [
        codeCell('IntSlider()\n', {
          execution_count: 1,
          outputs: [resultOutput({ 'application/vnd.jupyter.widget-view+json': { model_id: mixed(rng, 32, HEX), version_major: 2, version_minor: 0 }, 'text/plain': ['IntSlider(value=0)'] }, 1)],
        }),
      ],
      {
        widgets: {
          'application/vnd.jupyter.widget-state+json': {
            state: { [mixed(rng, 32, HEX)]: { model_name: 'IntSliderModel', state: { _dom_classes: [], description: 'token', value: 3, layout: `IPY_MODEL_${mixed(rng, 40, ALNUM)}` } } },
            version_major: 2,
            version_minor: 0,
          },
        },
      },
    ],
    [
      'uuids-and-ids',
      [
        codeCell(`run_id = "${uuid()}"\nsession_token = "${uuid()}"\nexperiment = mlflow.start_run(run_id="${mixed(rng, 32, HEX)}")\n`),
        codeCell('print(uuid.uuid4())\n', { execution_count: 2, outputs: [streamOutput(`${uuid()}\nrequest id: ${uuid()}\ncorrelation_id=${uuid()}\n`)] }),
        codeCell('wandb.init()\n', { execution_count: 3, outputs: [streamOutput(`wandb: Syncing run fresh-sun-12\nwandb: ⭐️ View project at https://wandb.ai/jdoe/churn\nwandb: 🚀 View run at https://wandb.ai/jdoe/churn/runs/${mixed(rng, 8, 'abcdefghijklmnopqrstuvwxyz0123456789')}\n`)] }),
        codeCell('df.head()\n', {
          execution_count: 4,
          outputs: [resultOutput({ 'text/html': [`<table><tr><th>id</th><th>md5</th></tr><tr><td>${uuid()}</td><td>${mixed(rng, 32, HEX)}</td></tr></table>`], 'text/plain': [`   id  md5\n0  ${uuid()}  ${mixed(rng, 32, HEX)}`] }, 4)],
        }),
      ],
      { execution: { 'iopub.execute_input': '2024-05-01T10:00:00.000Z' }, run: { id: uuid() } },
    ],
    [
      'git-shas',
      [
        codeCell('!git log -3 --format="%H %s"\n', { execution_count: 1, outputs: [streamOutput(`${sha1()} Fix token refresh\n${sha1()} Add password reset form\n${sha1()} Merge branch 'secrets-cleanup'\n`)] }),
        codeCell(`commit = "${sha1()}"\nrevision: str = "${sha1()}"\n!pip install git+https://github.com/acme/lib@${sha1()}\n`),
        codeCell('model_info\n', { execution_count: 2, outputs: [resultOutput({ 'text/plain': `{'sha': '${sha1()}', 'commit_hash': '${sha1()}', 'etag': '"${mixed(rng, 32, HEX)}"'}` }, 2)] }),
      ],
    ],
    [
      'pip-freeze-hashes',
      [
        codeCell('!cat requirements.txt\n', {
          execution_count: 1,
          outputs: [
            streamOutput(
              `requests==2.31.0 \\\n    --hash=sha256:${sha256()} \\\n    --hash=sha256:${sha256()}\n` +
                `urllib3==2.0.7 --hash=sha256:${sha256()}\nnumpy @ https://files.pythonhosted.org/packages/numpy-1.26.4.whl#sha256=${sha256()}\n`,
            ),
          ],
        }),
        codeCell('!cat poetry.lock\n', {
          execution_count: 2,
          outputs: [streamOutput(`[[package]]\nname = "tokenizers"\nversion = "0.15.0"\nfiles = [\n    {file = "tokenizers-0.15.0.tar.gz", hash = "sha256:${sha256()}"},\n]\n`)],
        }),
        codeCell('!conda env export\n', { execution_count: 3, outputs: [streamOutput(`  - openssl=3.0.13=h7f8727e_0\n  - python=3.11.7=h955ad1f_0\n  - pip:\n    - secretstorage==3.3.3\n`)] }),
        codeCell('!docker images --digests\n', { execution_count: 4, outputs: [streamOutput(`python  3.11  sha256:${sha256()}  ${mixed(rng, 12, HEX)}\nintegrity="sha512-${rng.bytes(64).toString('base64')}"\n`)] }),
      ],
    ],
    [
      'placeholders-and-examples',
      [
        codeCell(
          'api_key = "YOUR_API_KEY"\ntoken = "<token>"\nOPENAI_API_KEY = "sk-..."\npassword = "changeme"\nSECRET_KEY = "xxxxxxxxxxxxxxxxxxxx"\n' +
            'GITHUB_TOKEN = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\nAWS_ACCESS_KEY_ID = "AKIAXXXXXXXXXXXXXXXX"\n' +
            'DATABASE_URL = "postgresql://user:password@localhost:5432/mydb"\nMONGO = "mongodb+srv://<username>:<password>@cluster0.mongodb.net/test"\n' +
            'headers = {"Authorization": "Bearer <YOUR_TOKEN>"}\nurl = f"https://api.example.com/v1?key={api_key}"\nauth = f"Bearer {token}"\n' +
            'PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"\nHF_TOKEN = "hf_..."\n',
        ),
        codeCell(
          '# AWS documentation examples\naws_access_key_id = "AKIAIOSFODNN7EXAMPLE"\naws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n' +
            'stripe.api_key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"\n' +
            'example_jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"\n' +
            'engine = create_engine("postgresql://scott:tiger@localhost/test")\nDB = "postgres://postgres:postgres@db:5432/postgres"\nBROKER = "amqp://guest:guest@localhost:5672//"\n',
        ),
        markdownCell('Set `OPENAI_API_KEY=sk-your-key-here` and `password: <your password>` in `.env`, then run:\n\n```\nexport TOKEN=your_token_here\n```\n'),
      ],
    ],
    [
      'environment-reads',
      [
        codeCell(
          'import os, getpass\nOPENAI_API_KEY = os.environ["OPENAI_API_KEY"]\ntoken = os.getenv("GITHUB_TOKEN")\npassword = getpass.getpass("Password: ")\n' +
            'api_key = os.environ.get("API_KEY", None)\nsecret = userdata.get("HF_TOKEN")\nDB_PASSWORD = dbutils.secrets.get(scope="prod", key="db-password")\n' +
            'client = OpenAI(api_key=api_key)\nlogin(token=token)\npassword = input("password? ")\nsecret_key = settings.SECRET_KEY\ntoken = config["token"]\n%env AWS_PROFILE=analytics\n!echo $GITHUB_TOKEN\n',
        ),
        codeCell('os.environ\n', { execution_count: 2, outputs: [resultOutput({ 'text/plain': "environ({'PATH': '/usr/bin', 'HOME': '/home/jdoe', 'API_KEY_FILE': '/run/secrets/api_key', 'TOKEN_URL': 'https://auth.acme.com/token'})" }, 2)] }),
      ],
    ],
    [
      'nlp-and-prose',
      [
        codeCell(`tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")\nmax_tokens = 256\ntokens = tokenizer("hello")\n`, {
          execution_count: 1,
          outputs: [resultOutput({ 'text/plain': "{'input_ids': [101, 7592, 102], 'token_type_ids': [0, 0, 0], 'attention_mask': [1, 1, 1]}" }, 1)],
        }),
        markdownCell('The password you chose at signup is never stored. A secret: keep tokens out of notebooks. Use the `token_count` field.\n'),
        codeCell('vocab\n', { execution_count: 2, outputs: [streamOutput(`secret_number = 42\npassword_length: 12\ntoken_ids: [101, 2023, 102]\nnum_tokens = 3\n`)] }),
      ],
    ],
    [
      // Issue 22's placeholder shapes: alphabet runs, #### / xxxx inside valid prefixes, ellipses,
      // variable references, trivial passwords on example hosts, jwt.io's samples, UUID ids.
      'placeholder-shapes',
      [
        codeCell(
          'SECRET_KEY = "abcdefghijklmnopqrstuvwxyz"\napi_key = "abc123xyz789abc123xyz789"\n' +
            'SLACK_TOKEN = "xoxp-1234567890-1234567890-1234567890-################################"\n' +
            'SLACK_BOT = "xoxb-20948123-50283719-xxxxxxxxxxxxxxxxxxxxxxxx"\n' +
            `stripe.api_key = "sk_live_${mixed(rng, 30, ALNUM)}..."\n` +
            'engine = create_engine("postgresql://user:1111@db.example.com/app")\nMONGO = "mongodb://admin:admin123@localhost:27017"\n' +
            '!mysql -u root --password=$DB_PASS -e "select 1"\n' +
            'HEROKU_APP_ID = "' + uuid() + '"\nheaders = {"X-Api-Key": api_key, "Authorization": auth_header}\n',
        ),
        markdownCell(
          'Put `export ACME_TOKEN=${ACME_TOKEN}` in CI, `api_key: {{ acme_api_key }}` in the chart, and call\n\n' +
            '```\ncurl -u user:password -H "X-Api-Key: <your key>" https://api.example.com\n```\n' +
            `jwt.io: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.${mixed(rng, 43, ALNUM)}\n`,
        ),
        codeCell('!docker run -u 1000:1000 --rm img\n', { execution_count: 1, outputs: [streamOutput(`request_id=${uuid()} trace=${uuid()} | 42 | ${mixed(rng, 32, HEX)} |\n`)] }),
      ],
    ],
    [
      'hex-and-base64-data',
      [
        codeCell('np.save(buf, arr); base64.b64encode(buf.getvalue())\n', { execution_count: 1, outputs: [resultOutput({ 'text/plain': `b'${rng.bytes(600).toString('base64')}'` }, 1)] }),
        codeCell('hashlib.sha256(data).hexdigest()\n', { execution_count: 2, outputs: [resultOutput({ 'text/plain': `'${sha256()}'` }, 2)] }),
        codeCell('df.to_html()\n', { execution_count: 3, outputs: [resultOutput({ 'text/html': [`<table>${Array.from({ length: 20 }, () => `<tr><td>${mixed(rng, 24, B64)}</td><td>${mixed(rng, 40, HEX)}</td></tr>`).join('')}</table>`] }, 3)] }),
      ],
    ],
  ];
  return decoys.map(([name, cells, metadata]) => ({ name: `decoy-${name}.ipynb`, text: jupyterJson(notebookJson(cells, metadata ?? {})), expected: [] }));
}

