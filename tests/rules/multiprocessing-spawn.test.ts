import { codeCell, jupyterJson, notebookJson, runRule } from '../helpers/notebook';
import { expectedMarks, fixtureNames, fixtureText, foundMarks } from '../helpers/marked-fixtures';
import { ruleTester } from '../helpers/rule-tester';

const RULE = 'multiprocessing-spawn';
const python = (...sources: string[]): string => jupyterJson(notebookJson(sources.map((source) => codeCell(source))));

ruleTester('multiprocessing-spawn');

describe('rule multiprocessing-spawn', () => {
  it.each(fixtureNames(RULE, 'ng'))('finds exactly the lines marked `# ng` in ng/%s', (name) => {
    const text = fixtureText(RULE, 'ng', name);
    const marks = expectedMarks(text, 'warning');
    expect(marks.length).toBeGreaterThan(0);
    expect(foundMarks(runRule(RULE, text))).toEqual(marks);
  });

  it('names the call, the target, the defining cell and the fix', () => {
    const [finding] = runRule(RULE, python('from multiprocessing import Pool', 'def work(x):\n    return x', 'with Pool() as pool:\n    pool.map(work, [1])'));
    expect(finding).toMatchObject({ severity: 'warning', cell: 3, line: 2, column: 14, messageId: 'defined' });
    expect(finding!.message).toBe(
      '`pool.map` runs `work`, defined in cell 2, in worker processes: under the `spawn` start method (macOS and Windows, ' +
        'Linux from Python 3.14) workers import `__main__` afresh and a function or class defined in a notebook cannot be ' +
        'found there, so the workers fail; move `work` into a module and import it',
    );
  });

  it('makes a lambda an error, whatever the start method for a pool', () => {
    const [finding] = runRule(RULE, python('import multiprocessing as mp\nwith mp.get_context("fork").Pool() as p:\n    p.map(lambda x: x, [1])'));
    expect(finding).toMatchObject({ severity: 'error', messageId: 'lambda', line: 3 });
    expect(finding!.message).toBe(
      '`p.map` gets a lambda: pickle cannot send a lambda to worker processes, so this fails whatever the start method; define the function in a module and import it',
    );
  });

  it('uses the binding in force at the call: a later import shadows a definition, a later definition an import', () => {
    expect(runRule(RULE, python('from multiprocessing import Pool\ndef f(x):\n    return x', 'from tasks import f', 'Pool().map(f, [1])'))).toEqual([]);
    expect(runRule(RULE, python('from multiprocessing import Pool\nfrom tasks import f', 'def f(x):\n    return x', 'Pool().map(f, [1])'))).toHaveLength(1);
  });

  it('stays silent on notebooks that never mention process pools, and on non-Python notebooks', () => {
    expect(runRule(RULE, python('def f(x):\n    return x', 'pool.map(f, [1])'))).toEqual([]);
    const r = jupyterJson(notebookJson([codeCell('library(parallel)\nmultiprocessing <- mclapply(x, function(i) i)')], { kernelspec: { display_name: 'R', language: 'R', name: 'ir' }, language_info: { name: 'R' } }));
    expect(runRule(RULE, r)).toEqual([]);
  });
});
