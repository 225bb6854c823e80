/**
 * What the application layer (src/run) knows about where a notebook file lives, for the few rules
 * that need more than the notebook itself. Absent when the bytes have no place in a project
 * (standard input, blobs from history, tests of a notebook alone): such rules then stay silent.
 * Each answer is worked out on first request, so a rule that is off costs nothing.
 */
export interface ProjectContext {
  /** The Python dependencies declared nearest above the notebook; undefined when no dependency file declares any. */
  pythonDependencies(): PythonDependencies | undefined;
}

export interface PythonDependencies {
  /** The dependency files read, as paths relative to the notebook's folder (`../requirements.txt`). */
  readonly files: readonly string[];
  /** Normalised (PEP 503) names of the declared distributions. */
  readonly distributions: ReadonlySet<string>;
  /** Top-level modules and packages of the project itself, importable without being declared. */
  readonly localModules: ReadonlySet<string>;
  /** Why a dependency file could not be read or parsed: the declarations are then unknown. */
  readonly problem?: string;
}
