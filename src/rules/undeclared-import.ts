import { installedDistributions } from '../detectors/python/dependency-files';
import { isProvided, suggestedDistribution } from '../detectors/python/distributions';
import { stdlibStatus } from '../detectors/python/stdlib';
import { isPython2, pythonQueries, pythonVersion, sourceSite } from '../rule-api/python';
import { defineRule } from '../rule-api/rule';
import type { Cell } from '../notebook/model';

interface Options {
  /** Import names (top-level or dotted) to accept: modules the platform provides (`google.colab`, `pyspark` on Databricks). */
  readonly ignore: readonly string[];
}

/** What every Jupyter kernel running Python has: ipykernel and the packages it is made of. */
const KERNEL_MODULES: ReadonlySet<string> = new Set(['IPython', 'ipykernel', 'traitlets', 'jupyter_client', 'jupyter_core', 'comm', 'matplotlib_inline']);

/** Modules protoc generates from `.proto` files (`!protoc person.proto --python_out=.`): built, not installed. */
const GENERATED = /_pb2(?:_grpc)?$/;

/** `%%writefile helpers.py` / `%%file helpers.py`: modules the notebook writes itself. */
function modulesWrittenByNotebook(cells: readonly Cell[]): Set<string> {
  const written = new Set<string>();
  for (const cell of cells) {
    const magic = /^\s*%%(?:writefile|file)\s+(?:-a\s+|--append\s+)?["']?(?:[^\s"']*\/)?([A-Za-z_]\w*)\.py["']?\s*$/m.exec(cell.source.split('\n', 1)[0]!);
    if (cell.cellType === 'code' && magic) written.add(magic[1]!);
  }
  return written;
}

const MESSAGES = {
  undeclared:
    '`{{module}}` is imported, but no dependency declared in {{files}} provides it: the notebook fails with ' +
    'ModuleNotFoundError where only the declared dependencies are installed; declare `{{distribution}}`',
  removed:
    '`{{module}}` was removed from the standard library in Python {{since}} (this notebook runs Python {{version}}) ' +
    'and no dependency declared in {{files}} provides it',
  added: '`{{module}}` is in the standard library only from Python {{since}} (this notebook runs Python {{version}}) and no dependency declared in {{files}} provides it',
  python2: "`{{module}}` is Python 2's standard library: Python 3 has no such module (this notebook runs Python {{version}})",
  unreadable: 'the dependencies of this notebook cannot be checked: {{problem}}',
};

export const undeclaredImportRule = defineRule<Options, keyof typeof MESSAGES>({
  meta: {
    id: 'undeclared-import',
    description: 'An import that no dependency declared by the project provides',
    defaultSeverity: 'warning',
    fixable: false,
    readsProject: true,
    docs: {
      what:
        'When the repository declares its Python dependencies — the nearest of requirements*.txt (and `requirements/*.txt`), ' +
        'pyproject.toml (`[project]`, `[dependency-groups]`, Poetry, PDM, uv), setup.cfg, Pipfile or environment.yml ' +
        'above the notebook, up to the repository root — a Python cell imports a module that is neither in the ' +
        "standard library of the notebook's Python version, nor part of the project, nor provided by a declared distribution.",
      why:
        'Import errors are the most common reason a notebook fails when someone else runs it: the author had the ' +
        'package installed, the project does not say so. The files are parsed, never executed (a project that only ' +
        'has a setup.py is not judged). Imports match distributions by name (`numpy`, `typing_extensions` → ' +
        '`typing-extensions`), by the usual affixes (`python-X`, `pyX`, `X-binary`), and by a map of the common ' +
        'import names that differ (`sklearn` → scikit-learn, `cv2` → opencv-python, `PIL` → Pillow, `yaml` → PyYAML, ' +
        '`bs4` → beautifulsoup4…). Silent when no dependency file declares anything, for imports the notebook ' +
        'guards (`try: import x` / `except ImportError`), relative imports, modules and packages of the project ' +
        "(next to the notebook, in the folders up to the project root, under `src/`, and the project's own name), " +
        "packages the notebook installs itself (`%pip install x`) or writes itself (`%%writefile helpers.py`), modules " +
        'protoc generates (`*_pb2`), and what every Jupyter kernel has (IPython, ipykernel). The notebook’s Python version comes from its metadata (`language_info.version`); a module that ' +
        'version no longer has (`imp`, `distutils` from 3.12) is reported as such. A dependency file that does not ' +
        'parse is an error (whatever the severity set for the rule): nbguard cannot judge the imports against it.',
      example:
        'requirements.txt: pandas\ncell 1: import sklearn\n→ "`sklearn` is imported, but no dependency declared in requirements.txt provides it: … declare `scikit-learn`"',
      fix:
        'Add the distribution to the dependency file (with a version constraint). If the platform provides the ' +
        'module (Colab, Databricks), list it in the rule\'s `ignore` option; if the import is optional, guard it ' +
        'with `try:` / `except ImportError:`.',
    },
    messages: MESSAGES,
    optionsSchema: {
      type: 'object',
      properties: {
        ignore: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Import names (top-level or dotted) that need no declaration.' },
      },
      additionalProperties: false,
    },
  },
  defaultOptions: { ignore: [] },
  check(notebook, context) {
    const dependencies = context.project?.pythonDependencies();
    if (!dependencies) return;
    const python = pythonQueries(notebook);
    if (!python) return;
    const files = dependencies.files.length > 3 ? `${dependencies.files.slice(0, 3).join(', ')}, …` : dependencies.files.join(', ');
    if (dependencies.problem !== undefined) {
      // Fail closed: declarations nbguard cannot read are not "nothing declared"; an error, whatever the rule's severity.
      context.report({ messageId: 'unreadable', data: { problem: dependencies.problem }, site: { path: [] }, severity: 'error' });
      return;
    }
    const version = isPython2(notebook) ? ([2, 7] as const) : pythonVersion(notebook);
    const versionText = version ? `${version[0]}.${version[1]}` : '';
    const declared = new Set(dependencies.distributions);
    // `%pip install x` in the notebook: it installs x itself.
    python.queries.forEach((cell, index) => {
      const source = python.cells[index]!.source;
      for (const line of cell?.ipython ?? []) if (line.kind !== 'help') for (const name of installedDistributions(source.slice(line.start, line.end))) declared.add(name);
    });
    const ignored = new Set(context.options.ignore);
    const written = modulesWrittenByNotebook(notebook.cells);
    const reported = new Set<string>();
    python.queries.forEach((cell, index) => {
      for (const binding of cell?.imports ?? []) {
        if (binding.guarded || binding.level > 0) continue;
        const module = binding.module;
        const top = module.split('.')[0]!;
        if (reported.has(top) || top === '__future__' || KERNEL_MODULES.has(top) || dependencies.localModules.has(top) || written.has(top) || GENERATED.test(top)) continue;
        if (ignored.has(top) || [...ignored].some((name) => module === name || module.startsWith(`${name}.`))) continue;
        const status = stdlibStatus(top, version);
        if (status.kind === 'stdlib' || isProvided(module, declared)) continue;
        reported.add(top);
        const site = sourceSite(python.cells[index]!, binding.start, binding.end);
        if (status.kind === 'python2') context.report({ messageId: 'python2', data: { module: top, version: versionText }, site });
        else if (status.kind === 'removed' || status.kind === 'added') context.report({ messageId: status.kind, data: { module: top, since: status.since, version: versionText, files }, site });
        else context.report({ messageId: 'undeclared', data: { module: top, files, distribution: suggestedDistribution(module) }, site });
      }
    });
  },
});
