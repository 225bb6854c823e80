/**
 * Package installs in a shell command line (`pip install pandas`, `python -m pip install -U x`,
 * `conda install -c conda-forge numpy`, `uv pip install x`) whose packages carry no version
 * constraint: the command installs whatever is newest on the day it runs.
 *
 * What counts as pinned (silent): a version specifier (`==`, `>=`, `~=`, `<`, `!=`, conda's
 * `=1.2`), a direct reference (`pkg @ https://…`), a VCS URL with `@ref` (one without installs
 * the default branch: unpinned), a requirements or
 * constraints file (`-r`, `-c`, conda `--file`), an editable or local install (`-e .`, `.`,
 * `./dir`, a wheel or sdist file, any path or URL), `--no-index` (only local wheels), and words
 * the shell or IPython fills in (`$PKG`, `{pkg}`, `$(…)`), which cannot be judged.
 */
export interface UnpinnedInstall {
  /** `pip install`, `conda install`… as the message names the command. */
  readonly command: string;
  /** Packages named without a constraint, as written (extras kept, `channel::` dropped). */
  readonly packages: readonly string[];
  /**
   * Packages whose constraint the shell reads as a redirection: unquoted `numpy>=1.2` installs
   * the newest numpy and writes pip's output to a file `=1.2`.
   */
  readonly redirected: readonly string[];
}

export interface InstallOptions {
  /** Package names (normalised: lower case, `_`/`.` as `-`) that may stay unpinned. */
  readonly ignore: ReadonlySet<string>;
}

interface Word {
  readonly text: string;
  /** The word had quotes or escapes: `>` and `<` in it are not redirections. */
  readonly quoted: boolean;
  /** An unquoted `>` followed the word with no space and a version after it (`numpy>=1.2`): the word as written. */
  readonly redirected?: string;
}

/** pip's global options that take a value (before the subcommand). */
const PIP_GLOBAL_VALUE = new Set(['--log', '--proxy', '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert', '--client-cert', '--cache-dir', '--python', '--use-feature', '--use-deprecated', '--keyring-provider', '--root-user-action']);
/** `pip install` options that take a value which is not a package. */
const PIP_INSTALL_VALUE = new Set([
  ...PIP_GLOBAL_VALUE,
  '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--src', '--upgrade-strategy',
  '--platform', '--python-version', '--implementation', '--abi', '--no-binary', '--only-binary', '--progress-bar', '--global-option',
  '--install-option', '-C', '--config-settings', '--report', '--group',
]);
/** `pip install` options whose value is a requirements source: pinned, or not ours to judge. */
const PIP_SOURCE_OPTION = new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable']);
/** `conda install` options that take a value. */
const CONDA_VALUE = new Set(['-c', '--channel', '-n', '--name', '-p', '--prefix', '--solver', '--repodata-fn', '--subdir', '--platform']);
const CONDA_TOOLS = new Set(['conda', 'mamba', 'micromamba']);
/** Words before the command that do not change what runs. */
const PREFIXES = new Set(['sudo', 'time', 'nohup', 'command', 'exec']);

const PIP = /^pip(?:\d+(?:\.\d+)?)?(?:\.exe)?$/i;
const PYTHON = /^(?:python(?:\d+(?:\.\d+)?)?w?(?:\.exe)?|py|\{sys\.executable\}|\$\{?PYTHON\}?|sys\.executable)$/i;
const DISTRIBUTION = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:\[[^\]]*\])?$/;
const ARCHIVE = /\.(?:whl|tar\.gz|tgz|tar\.bz2|tar\.xz|zip|egg)$/i;
const VCS = /^(?:git|hg|svn|bzr)\+/i;

/** The unpinned installs in one command line (`&&`, `;`, `|` chains and `\` continuations included). */
export function unpinnedInstalls(line: string, options: InstallOptions): UnpinnedInstall[] {
  const found: UnpinnedInstall[] = [];
  for (const words of commands(line)) {
    const install = classify(words, options);
    if (install && (install.packages.length > 0 || install.redirected.length > 0)) found.push(install);
  }
  return found;
}

/** Normalised distribution name (PEP 503), extras and channel removed. */
export function normaliseName(name: string): string {
  return name.replace(/^[^:]*::/, '').replace(/\[.*$/, '').toLowerCase().replace(/[-_.]+/g, '-');
}

function classify(all: readonly Word[], options: InstallOptions): UnpinnedInstall | undefined {
  let at = 0;
  // `sudo -H`, `FOO=1 pip …`, `time pip …`
  while (at < all.length && (PREFIXES.has(all[at]!.text) || /^[A-Za-z_]\w*=/.test(all[at]!.text) || (at > 0 && all[at]!.text.startsWith('-')))) at++;
  const words = all.slice(at);
  const tool = basename(words[0]?.text ?? '');
  if (PIP.test(tool)) return pipInstall(words, 1, 'pip', options);
  if (tool === 'uv' && words[1]?.text === 'pip') return pipInstall(words, 2, 'uv pip', options);
  if (PYTHON.test(tool)) {
    // python [-q -u …] -m pip …
    for (let i = 1; i < words.length; i++) {
      const word = words[i]!.text;
      if (word === '-m') return words[i + 1]?.text === 'pip' ? pipInstall(words, i + 2, 'pip', options) : undefined;
      if (word === '-c' || !word.startsWith('-')) return undefined;
    }
    return undefined;
  }
  if (CONDA_TOOLS.has(tool) && words[1]?.text === 'install') return condaInstall(words.slice(2), `${tool} install`, options);
  return undefined;
}

function pipInstall(words: readonly Word[], from: number, tool: string, options: InstallOptions): UnpinnedInstall | undefined {
  let i = from;
  // Global options come before the subcommand: `pip -q install x`.
  while (i < words.length && words[i]!.text.startsWith('-')) i += PIP_GLOBAL_VALUE.has(words[i]!.text) ? 2 : 1;
  if (words[i]?.text !== 'install') return undefined;
  const packages: string[] = [];
  const redirected: string[] = [];
  for (i++; i < words.length; i++) {
    const word = words[i]!;
    const text = word.text;
    if (text.startsWith('-') && !word.quoted) {
      if (text === '--no-index') return undefined; // only the local wheels of --find-links: nothing newer appears
      if (PIP_SOURCE_OPTION.has(text) || PIP_INSTALL_VALUE.has(text)) i++;
      continue;
    }
    if (words[i + 1]?.text === '@') {
      i += 2; // `pkg @ https://…`: a direct reference
      continue;
    }
    const kind = pipRequirement(word);
    if (options.ignore.has(normaliseName(text))) continue;
    if (kind === 'unpinned') packages.push(text);
    else if (kind === 'redirected') redirected.push(word.redirected!);
  }
  return { command: `${tool} install`, packages, redirected };
}

function condaInstall(words: readonly Word[], command: string, options: InstallOptions): UnpinnedInstall {
  const packages: string[] = [];
  const redirected: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const text = word.text;
    if (text.startsWith('-') && !word.quoted) {
      if (text === '--file' || CONDA_VALUE.has(text)) i++;
      continue;
    }
    if (isTemplate(text)) continue;
    const name = text.replace(/^[^:]*::/, '');
    if (/[=<>!~*\s[]/.test(name) || !DISTRIBUTION.test(name)) continue; // a version, a build, a spec we do not read
    if (options.ignore.has(normaliseName(name))) continue;
    if (word.redirected !== undefined) redirected.push(word.redirected.replace(/^[^:]*::/, ''));
    else packages.push(name);
  }
  return { command, packages, redirected };
}

/** How one positional `pip install` argument pins what it installs. */
function pipRequirement(word: Word): 'pinned' | 'unpinned' | 'redirected' | 'other' {
  const text = word.text;
  if (isTemplate(text)) return 'other';
  if (VCS.test(text)) return vcsPinned(text) ? 'pinned' : 'unpinned'; // the default branch, whatever it is that day
  if (/[=<>!~@]/.test(text)) return 'pinned';
  if (/[/\\]/.test(text) || text.startsWith('.') || text.startsWith('~') || ARCHIVE.test(text)) return 'other'; // a path, a URL or a file
  if (!DISTRIBUTION.test(text)) return 'other';
  return word.redirected !== undefined ? 'redirected' : 'unpinned';
}

/** `git+https://host/org/repo.git@v1.2`: a ref after the path (not the `user@host` of the URL). */
function vcsPinned(url: string): boolean {
  const withoutFragment = url.replace(/#.*$/, '');
  const afterScheme = withoutFragment.replace(/^[^:]*:\/\//, '');
  const slash = afterScheme.indexOf('/');
  return slash !== -1 && afterScheme.slice(slash).includes('@');
}

/** Filled in by the shell or IPython when the line runs: `$PKG`, `${PKG}`, `{pkg}`, `$(…)`, backticks. */
function isTemplate(text: string): boolean {
  return /[$`{}]/.test(text);
}

function basename(command: string): string {
  const slash = Math.max(command.lastIndexOf('/'), command.lastIndexOf('\\'));
  return slash === -1 || command.startsWith('{') ? command : command.slice(slash + 1);
}

/**
 * Splits a command line into simple commands of shell words: quotes removed, `\` escapes and
 * line continuations read as a POSIX shell does; `;`, `&&`, `||`, `|`, `&` and line breaks end a
 * command; redirections (`> file`, `2>&1`) are not words.
 */
function commands(line: string): Word[][] {
  const out: Word[][] = [];
  let words: Word[] = [];
  let text = '';
  let quoted = false;
  let inWord = false;
  const endWord = (): void => {
    if (inWord) words.push({ text, quoted });
    text = '';
    quoted = false;
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) out.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\') {
      if (line[i + 1] === '\n') {
        i++;
        continue;
      }
      if (line[i + 1] === '\r' && line[i + 2] === '\n') {
        i += 2;
        continue;
      }
      text += line[i + 1] ?? '';
      quoted = true;
      inWord = true;
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const close = line.indexOf(ch, i + 1);
      const end = close === -1 ? line.length : close;
      text += line.slice(i + 1, end);
      quoted = true;
      inWord = true;
      i = end;
      continue;
    }
    if (ch === '#' && !inWord) break; // a comment to the end of the line
    if (ch === '>' || ch === '<') {
      // `2>&1`, `2> err`: a file descriptor number is part of the redirection, not a word.
      const isDescriptor = inWord && !quoted && /^\d+$/.test(text);
      const before = isDescriptor ? undefined : inWord ? { text, quoted } : undefined;
      text = '';
      quoted = false;
      inWord = false;
      let j = i + 1;
      if (line[j] === ch || line[j] === '&' || line[j] === '|') j++;
      while (line[j] === ' ' || line[j] === '\t') j++;
      let target = '';
      while (j < line.length && !/[\s;&|<>]/.test(line[j]!)) target += line[j++];
      if (before) {
        // `numpy>=1.2` unquoted: `>` redirects pip's output to a file `=1.2`. `numpy<2` fails
        // loudly (no file `2`), so it is kept as the constraint it was meant to be.
        if (ch === '<') words.push({ text: `${before.text}<${target}`, quoted: true });
        else if (/^[=\d]/.test(target)) words.push({ ...before, redirected: `${before.text}>${target}` });
        else words.push(before);
      }
      i = j - 1;
      continue;
    }
    if (ch === '\n' || ch === ';' || ch === '|' || ch === '&' || ch === '(' || ch === ')') {
      if (line[i + 1] === ch && (ch === '&' || ch === '|')) i++;
      endCommand();
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      continue;
    }
    text += ch;
    inWord = true;
  }
  endCommand();
  return out;
}
