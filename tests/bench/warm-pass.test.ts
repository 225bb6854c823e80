import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/notebook';

const DIST = path.resolve(__dirname, '..', '..');
const WARM_PASS = path.join(DIST, 'bench', 'warm-pass.js');
const CLI = path.join(DIST, 'src', 'cli', 'main.js');
const EXAMPLES = path.resolve(DIST, '..', 'examples');

describe('bench/warm-pass.js (the lower bound printed next to the cold check)', () => {
  it('times each pass and checks what `nbguard check` checks: the same findings', () => {
    const folder = tempDir();
    cpSync(EXAMPLES, folder, { recursive: true });
    const warm = spawnSync(process.execPath, [WARM_PASS, folder, '3'], { encoding: 'utf8' });
    expect(warm.stderr).toBe('');
    expect(warm.status).toBe(0);
    const { passes, findings } = JSON.parse(warm.stdout) as { passes: number[]; findings: number };
    expect(passes).toHaveLength(3);
    for (const seconds of passes) expect(seconds).toBeGreaterThan(0);

    const check = spawnSync(process.execPath, [CLI, 'check', '--no-cache', '--format', 'json', '.'], { cwd: folder, encoding: 'utf8' });
    expect(check.status).toBe(1); // the examples have findings
    const report = JSON.parse(check.stdout) as { files: { findings: unknown[] }[] };
    expect(report.files).toHaveLength(readdirSync(folder).filter((name) => name.endsWith('.ipynb')).length);
    const total = report.files.reduce((sum, file) => sum + file.findings.length, 0);
    expect(total).toBeGreaterThan(0);
    expect(findings).toBe(total);
  });
});
