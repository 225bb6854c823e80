import { defaultConfig, type EffectiveConfig } from '../../src/config/config';
import { checkNotebook } from '../../src/engine/engine';
import { planStrip } from '../../src/fix/strip';
import { checkBytes } from '../../src/run/check-bytes';
import { codeCell, jupyterJson, notebookJson, parse, runRule } from '../helpers/notebook';

const conflict = '<<<<<<< local\nrate = 0.1\n=======\nrate = 0.2\n>>>>>>> remote\n';

describe('engine', () => {
  it('places a finding by cell line/column and by file line/column through JSON escapes', () => {
    const source = 'print("\\u00e9\\t")\n' + conflict;
    const text = jupyterJson(notebookJson([codeCell(source)])).replace('\\\\u00e9', '\\u00e9');
    const [finding] = runRule('merge-conflict', text);
    expect(finding).toMatchObject({ cell: 1, output: null, line: 2, column: 1 });
    const fileLine = text.split('\n')[finding!.fileLine - 1]!;
    expect(fileLine.slice(finding!.fileColumn - 1)).toMatch(/^<{7} local/);
    expect(finding?.excerpt).toBe('<<<<<<< local');
  });

  it('honours the nbguard-ignore tag, for all rules or one', () => {
    for (const tag of ['nbguard-ignore', 'nbguard-ignore:merge-conflict']) {
      const text = jupyterJson(notebookJson([codeCell(conflict, { metadata: { tags: [tag] } })]));
      expect(runRule('merge-conflict', text)).toEqual([]);
    }
    const other = jupyterJson(notebookJson([codeCell(conflict, { metadata: { tags: ['nbguard-ignore:secret'] } })]));
    expect(runRule('merge-conflict', other)).toHaveLength(1);
  });

  it('finds the tagged cell after an unreadable one (cells no longer sit at their index)', () => {
    const cells = [42 as never, codeCell('a\n'), codeCell(conflict, { metadata: { tags: ['nbguard-ignore'] } }), codeCell(conflict)];
    const findings = runRule('merge-conflict', jupyterJson(notebookJson(cells)));
    expect(findings.map((f) => f.cell)).toEqual([4]);
  });

  it('honours an inline ignore comment on the finding line only', () => {
    const ignored = conflict.replace('<<<<<<< local', '<<<<<<< local  # nbguard: ignore[merge-conflict]');
    expect(runRule('merge-conflict', jupyterJson(notebookJson([codeCell(ignored)])))).toEqual([]);
    const all = conflict.replace('<<<<<<< local', '<<<<<<< local  # nbguard: ignore');
    expect(runRule('merge-conflict', jupyterJson(notebookJson([codeCell(all)])))).toEqual([]);
    const elsewhere = conflict.replace('rate = 0.1', 'rate = 0.1  # nbguard: ignore');
    expect(runRule('merge-conflict', jupyterJson(notebookJson([codeCell(elsewhere)])))).toHaveLength(1);
    const wrongRule = conflict.replace('<<<<<<< local', '<<<<<<< local  # nbguard: ignore[secret]');
    expect(runRule('merge-conflict', jupyterJson(notebookJson([codeCell(wrongRule)])))).toHaveLength(1);
  });

  it('marks findings inside outputs that a strip removes', () => {
    const text = jupyterJson(notebookJson([codeCell('x\n', { outputs: [{ text: 'no type' }] })]));
    const [inRemoved] = runRule('invalid-notebook', text);
    expect(inRemoved).toMatchObject({ cell: 1, output: 0, removedByStrip: true });
    const [kept] = runRule('invalid-notebook', text, { strip: { keepOutput: true } });
    expect(kept).toMatchObject({ removedByStrip: false });
  });
});

describe('engine and strip plan', () => {
  const withOutput = jupyterJson(notebookJson([codeCell('x\n', { execution_count: 1, outputs: [{ text: 'no type' }] })]));
  const only = (id: string): EffectiveConfig => {
    const config = defaultConfig();
    return { ...config, rules: new Map([...config.rules].map(([rule, setting]) => [rule, rule === id ? setting : { ...setting, severity: 'off' as const }])) };
  };

  it('uses the strip plan its caller gives, and plans nothing itself', () => {
    const notebook = parse(withOutput);
    const config = only('outputs');
    // The caller's plan keeps outputs, whatever the config's strip options say: no output finding.
    const keeping = planStrip(notebook, { ...config.strip, keepOutput: true });
    expect(checkNotebook(notebook, config, { stripPlan: () => keeping })).toEqual([]);
    expect(checkNotebook(notebook, config, { stripPlan: () => planStrip(notebook, config.strip) }).map((f) => f.rule)).toEqual(['outputs']);
  });

  it('asks for no plan when no rule needs one, and leaves removedByStrip to the caller', () => {
    const notebook = parse(withOutput);
    const noPlan = (): never => {
      throw new Error('planned');
    };
    const [placed] = checkNotebook(notebook, only('invalid-notebook'), { stripPlan: noPlan });
    expect(placed).toMatchObject({ rule: 'invalid-notebook', output: 0 });
    expect(placed!.removedByStrip).toBeUndefined();
    // The application layer settles it from the plan it makes anyway.
    expect(checkBytes(withOutput, 'a.ipynb', only('invalid-notebook'))).toMatchObject({ findings: [{ removedByStrip: true }], plan: { edits: expect.any(Array) } });
  });
});
