import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DATA_KINDS } from '../../src/detectors/data/kinds';
import { scanText } from '../../src/detectors/data/scan';
import { defaultConfig } from '../../src/config/config';
import { checkBytes } from '../../src/run/check-bytes';
import { runCli } from '../helpers/cli';
import { describeWithCorpus } from '../helpers/corpus';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DATA_RULES = ['personal-data', 'dataframe-output', 'embedded-image', 'large-output', 'widget-state', 'attachment', 'inline-data'];
const ALL_KINDS = { kinds: new Set(DATA_KINDS), phoneRegions: ['US', 'GB'] };

interface JsonFinding {
  rule: string;
  message: string;
}

describe('data rules through the CLI', () => {
  it('show on the example notebook, and never print the personal data in full', () => {
    const result = runCli(['check', 'examples/personal-data.ipynb', '--format', 'json'], { cwd: ROOT });
    expect(result.status).toBe(1);
    const rules = new Set<string>();
    const document = JSON.parse(result.stdout) as { files: { findings: JsonFinding[] }[] };
    for (const file of document.files) for (const finding of file.findings) rules.add(finding.rule);
    for (const rule of ['personal-data', 'dataframe-output', 'embedded-image', 'attachment', 'inline-data']) expect(rules).toContain(rule);
    const pretty = runCli(['check', 'examples/personal-data.ipynb'], { cwd: ROOT }).stdout;
    for (const output of [result.stdout, pretty]) {
      expect(output).not.toContain('jane.doe@acme-corp.com');
      expect(output).not.toContain('202-555-0143');
    }
  });

  it('load libphonenumber only when a phone-shaped number appears', () => {
    const script = `
      const { scanText } = require(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'detectors', 'data', 'scan.js'))});
      const { phoneLibraryLoaded } = require(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'detectors', 'data', 'phone.js'))});
      const kinds = { kinds: new Set(['email', 'phone', 'card', 'ip']), phoneRegions: ['US'] };
      scanText('loss 0.4532 at step 1200, 2021-03-04, id 123e4567-e89b-12d3', kinds);
      const before = phoneLibraryLoaded();
      scanText('call +1 202-555-0143', kinds);
      process.stdout.write(JSON.stringify([before, phoneLibraryLoaded()]));`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(JSON.parse(child.stdout)).toEqual([false, true]);
  });
});

const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'real');
const describeCorpus = describeWithCorpus(CORPUS);

function notebooks(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? notebooks(full) : name.endsWith('.ipynb') ? [full] : [];
  });
}

describeCorpus('data rules over the real corpus', () => {
  it('run on every notebook, and no message or code frame shows a detectable value', () => {
    const config = defaultConfig();
    let checked = 0;
    for (const file of notebooks(CORPUS)) {
      const { findings } = checkBytes(readFileSync(file), file, config);
      checked++;
      for (const finding of findings) {
        if (!DATA_RULES.includes(finding.rule)) continue;
        const shown = `${finding.message}\n${finding.rule === 'personal-data' ? (finding.excerpt ?? '') : ''}`;
        expect([file, scanText(shown, ALL_KINDS).map((m) => m.kind)]).toEqual([file, []]);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
