import path from 'node:path';
import { runCli } from '../helpers/cli';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface JsonFinding {
  rule: string;
  message: string;
  severity: string;
  cell: number;
}

describe('production rules through the CLI', () => {
  it('show on the example notebook, as warnings (exit 0)', () => {
    const result = runCli(['check', 'examples/production.ipynb', '--format', 'json', '--no-cache'], { cwd: ROOT });
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as { files: { findings: JsonFinding[] }[] };
    const findings = document.files.flatMap((file) => file.findings).map((f) => [f.rule, f.message.slice(0, 40), f.severity, f.cell]);
    expect(findings).toEqual([
      ['unpinned-install', '`pip install` installs `pandas` without ', 'warning', 2],
      ['papermill-parameters', '`report_path = f"reports/churn-{run_date', 'warning', 4],
      ['absolute-path', '`/Users/jane/Downloads/customers.csv` is', 'warning', 5],
    ]);
  });

  it('are listed by `nbguard rules`', () => {
    const listed = runCli(['rules'], { cwd: ROOT }).stdout;
    for (const rule of ['papermill-parameters', 'unpinned-install', 'absolute-path']) expect(listed).toContain(rule);
  });
});
