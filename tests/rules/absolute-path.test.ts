import { codeCell, fixture, jupyterJson, notebookJson, runRule, streamOutput } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

const RULE = 'absolute-path';
const python = (...sources: string[]): string => jupyterJson(notebookJson(sources.map((source) => codeCell(source))));

describe('rule absolute-path', () => {
  it('is silent on ok/portable-paths.ipynb: /tmp, /dev, /proc, ~, URLs, env-built paths, getenv fallbacks, markdown, bytes', () => {
    expect(runRule(RULE, fixture(RULE, 'ok/portable-paths.ipynb'))).toEqual([]);
  });

  it('finds every home path of ng/home-paths.ipynb, with its use', () => {
    const findings = runRule(RULE, fixture(RULE, 'ng/home-paths.ipynb'));
    expect(findings.map((f) => [f.cell, f.output, f.line, f.messageId, f.message.replace(/: it (exists|names).*/s, '')])).toEqual([
      [1, null, 5, 'passed', '`/Users/jane/lib` is an absolute path in the home folder of `jane` (passed to `sys.path.append`)'],
      [2, null, 1, 'passed', '`/Users/jane/Downloads/sales.csv` is an absolute path in the home folder of `jane` (passed to `pd.read_csv`)'],
      [2, null, 2, 'passed', '`C:\\Users\\Jane Doe\\Documents\\notes.txt` is an absolute path in the home folder of `Jane Doe` (passed to `open`)'],
      [2, null, 3, 'assigned', '`/home/jdoe/projects/churn/data` is an absolute path in the home folder of `jdoe` (assigned to `DATA_DIR`)'],
      [2, null, 4, 'passed', '`/Users/jane/data` is an absolute path in the home folder of `jane` (passed to `Path`)'],
      [2, null, 5, 'passed', '`/home/jdoe/out/` is an absolute path in the home folder of `jdoe` (passed to `np.save`)'],
      [2, null, 6, 'literal', '`/mnt/c/Users/ann/data.csv` is an absolute path in the home folder of `ann`'],
      [2, null, 7, 'passed', '`C:/Users/bob/out.csv` is an absolute path in the home folder of `bob` (passed to `df.to_csv`)'],
      [3, null, 1, 'magic', '`%cd /Users/jane/projects/churn` uses `/Users/jane/projects/churn`, a path in the home folder of `jane`'],
      [4, 1, 1, 'output', 'the stdout output shows a path in the home folder of `jane` (`/Users/jane/data/train.parquet`)'],
      [4, 2, 1, 'output', 'the text/plain output shows a path in the home folder of `jane` (`/Users/jane/data/train.parquet`)'],
      [5, 1, 1, 'output', 'the error output shows a path in the home folder of `jdoe` (`/home/jdoe/projects/churn/features.py`)'],
    ]);
    // Code is not fixed by a strip; what outputs show is removed by it.
    expect(findings.map((f) => f.removedByStrip)).toEqual([false, false, false, false, false, false, false, false, false, true, true, true]);
    // Cell 6 prints only a path into site-packages.
    expect(findings.some((f) => f.cell === 6)).toBe(false);
    expect(findings.every((f) => f.severity === 'warning' && !f.fixable)).toBe(true);
  });

  it('points at the path in a traceback line whose colour codes are removed', () => {
    const [finding] = runRule(RULE, fixture(RULE, 'ng/home-paths.ipynb')).filter((f) => f.cell === 5);
    expect(finding).toMatchObject({ line: 1, column: 8, path: ['cells', 4, 'outputs', 0, 'traceback', 2] });
  });

  it('leaves paths into installed packages (library warnings, traceback frames) to the packagePaths option', () => {
    const findings = runRule(RULE, fixture(RULE, 'ng/home-paths.ipynb'), { ruleOptions: { packagePaths: true } }).filter((f) => f.cell !== null && f.cell >= 5);
    expect(findings.map((f) => [f.cell, f.message.replace(/\): it names.*/s, ')')])).toEqual([
      // Each traceback frame is a text of its own: the first one with a path is reported.
      [5, 'the error output shows a path in the home folder of `jdoe` (`/home/jdoe/venv/lib/python3.11/site-packages/pandas/io/parse…`)'],
      [6, 'the stderr output shows a path in the home folder of `jane` (`/Users/jane/miniconda3/envs/ml/lib/python3.11/site-packages/…`)'],
    ]);
  });

  it('reports one finding per output, counting its paths', () => {
    const text = jupyterJson(notebookJson([codeCell('x = 1', { execution_count: 1, outputs: [streamOutput('/home/jdoe/a.csv\n/home/jdoe/b.csv\n/home/jdoe/c.csv\n')] })]));
    expect(runRule(RULE, text).map((f) => f.message)).toEqual([
      'the stdout output shows 3 paths in the home folder of `jdoe` (`/home/jdoe/a.csv`): it names the user and the layout of their machine; strip the output, or print paths relative to the project',
    ]);
  });

  it('checks outputs of other kernels too, and their code not', () => {
    const r = { kernelspec: { display_name: 'R', language: 'R', name: 'ir' }, language_info: { name: 'R' } };
    const text = jupyterJson(notebookJson([codeCell('df <- read.csv("/Users/jane/x.csv")', { execution_count: 1, outputs: [streamOutput('/Users/jane/x.csv\n')] })], r));
    expect(runRule(RULE, text).map((f) => f.messageId)).toEqual(['output']);
  });

  it('allows the users of allowUsers, and skips outputs when asked', () => {
    const text = jupyterJson(notebookJson([codeCell('a = "/home/jovyan/work/a.csv"\nb = "/home/jdoe/b.csv"', { execution_count: 1, outputs: [streamOutput('/home/jdoe/b.csv\n')] })]));
    expect(runRule(RULE, text, { ruleOptions: { allowUsers: ['JOVYAN'] } }).map((f) => f.messageId)).toEqual(['output', 'assigned']); // in file order: outputs sort before source
    expect(runRule(RULE, text, { ruleOptions: { outputs: false } }).map((f) => f.messageId)).toEqual(['assigned', 'assigned']);
  });

  it('words the fix', () => {
    expect(runRule(RULE, python('df = pd.read_csv("/Users/jane/x.csv")'))[0]!.message).toBe(
      '`/Users/jane/x.csv` is an absolute path in the home folder of `jane` (passed to `pd.read_csv`): it exists only on that machine and names its user; use a path relative to the notebook or the repository, or read it from configuration or an environment variable',
    );
  });

  it('is silenced on its line', () => {
    expect(runRule(RULE, python('DATA = "/Users/jane/x.csv"  # nbguard: ignore[absolute-path]'))).toEqual([]);
  });
});

ruleTester('absolute-path');
