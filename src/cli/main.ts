#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { SecretFlagValues } from './secret-flags';
import type { StripFlagValues } from './strip-flags';
import { stopQuietlyOnBrokenPipe } from '../entry/broken-pipe';
import { exitWhenWritten } from '../entry/exit-when-written';
import { lazy } from '../util/lazy';
import type * as TuneCompilerModule from './tune-compiler';
import type * as CompileCacheModule from '../entry/compile-cache';
import type * as TerminalModule from '../report/terminal';
import type * as ConfigModule from '../run/config';
import type * as CommanderModule from 'commander';
import type * as SecretFlagsModule from './secret-flags';
import type * as PrintConfigModule from './print-config';
import type * as CheckModule from './check';
import type * as StripModule from './strip';
import type * as RulesModule from './rules';
import type * as InitModule from './init';
import type * as BaselineModule from './baseline';
import type * as HistoryModule from './history';
import type * as GitCommandsModule from './git-commands';
import type * as MergeCommandModule from './merge-command';
import type * as StripFlagsModule from './strip-flags';
import type * as UsageErrorModule from './usage-error';
import type * as PreCommitModule from '../entry/pre-commit';
import type * as MergeModule from './merge';
import type * as ConfigErrorModule from '../config/config-error';

const tuneCompilerModule = lazy((): typeof TuneCompilerModule => require('./tune-compiler'));
const compileCacheModule = lazy((): typeof CompileCacheModule => require('../entry/compile-cache'));
const terminalModule = lazy((): typeof TerminalModule => require('../report/terminal'));
const configModule = lazy((): typeof ConfigModule => require('../run/config'));
const commanderModule = lazy((): typeof CommanderModule => require('commander'));
const secretFlagsModule = lazy((): typeof SecretFlagsModule => require('./secret-flags'));
const printConfigModule = lazy((): typeof PrintConfigModule => require('./print-config'));
const checkModule = lazy((): typeof CheckModule => require('./check'));
const stripModule = lazy((): typeof StripModule => require('./strip'));
const rulesModule = lazy((): typeof RulesModule => require('./rules'));
const initModule = lazy((): typeof InitModule => require('./init'));
const baselineModule = lazy((): typeof BaselineModule => require('./baseline'));
const historyModule = lazy((): typeof HistoryModule => require('./history'));
const gitCommandsModule = lazy((): typeof GitCommandsModule => require('./git-commands'));
const mergeCommandModule = lazy((): typeof MergeCommandModule => require('./merge-command'));
const stripFlagsModule = lazy((): typeof StripFlagsModule => require('./strip-flags'));
const usageErrorModule = lazy((): typeof UsageErrorModule => require('./usage-error'));
const preCommitModule = lazy((): typeof PreCommitModule => require('../entry/pre-commit'));
const mergeModule = lazy((): typeof MergeModule => require('./merge'));
const configErrorModule = lazy((): typeof ConfigErrorModule => require('../config/config-error'));

/** Bytecode of nbguard's modules, kept between runs (see compile-cache.ts). */
function enableCompileCache(profile: 'hook' | 'tuned' | 'plain'): void {
  compileCacheModule().enableCompileCache(path.join(__dirname, '..', '..'), profile);
}

// Keep start-up cheap: command modules (and the rule registry behind them) are required only
// when their command runs, so `--version` and `--help` load almost nothing.

function version(): string {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

const write = (text: string): void => {
  process.stdout.write(text);
};
const error = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function colorEnabled(): boolean {
  const { colorEnabled: decide } = terminalModule();
  return decide(process.env, process.stdout.isTTY === true);
}

interface ConfigFlags extends StripFlagValues, SecretFlagValues {
  config?: string;
}

/**
 * The run's configuration, resolved once by the application layer: the config file (found, or
 * `--config`) with the strip flags given, the gitleaks rules and the baseline.
 */
function runConfig(flags: ConfigFlags, use: 'check' | 'baseline' | 'strip', cwd = process.cwd()): import('../run/config').RunConfig {
  const { loadRunConfig } = configModule();
  const { stripFlagOverrides } = stripFlagsModule();
  return loadRunConfig({
    cwd,
    ...(flags.config !== undefined ? { configPath: flags.config } : {}),
    cliStrip: stripFlagOverrides(flags, (message) => error(`nbguard: ${message}`)),
    gitleaksConfig: use === 'strip' ? false : flags.gitleaksConfig,
    baseline: use === 'check' ? flags.baseline : false,
    warn: error,
  });
}

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new (commanderModule()).InvalidArgumentError('expected a whole number (0 or more)');
  return Number(value);
}

/** Commands defined by src/cli/git-commands.ts and src/cli/merge-command.ts. */
const GIT_COMMANDS = ['hook', 'install', 'uninstall', 'status', 'fix', 'filter-process', 'textconv'];
const MERGE_COMMANDS = ['merge'];
const COMMANDS = ['check', 'strip', 'rules', 'init', 'baseline', 'history', ...GIT_COMMANDS, ...MERGE_COMMANDS];

/**
 * The program with every command, or with only `only` (the command a run names): defining the
 * others, and loading the modules their flags come from, was ~4 ms of every run. Its own `--help`
 * reads the same either way; `nbguard --help`, and anything that names no command, get them all.
 */
function buildProgram(only?: string): Command {
  const wanted = (name: string): boolean => only === undefined || only === name;
  // Required here so that `hook pre-commit`, dispatched before this, never loads commander.
  const { Command, Option } = commanderModule();
  const program = new Command('nbguard')
    .description('Guard Jupyter notebooks at the commit: strip outputs, find secrets and data, flag out-of-order execution.')
    .version(version(), '-v, --version')
    .exitOverride()
    .showHelpAfterError('(run `nbguard --help` for usage)');

  const addStripFlags = (command: Command): Command => stripFlagsModule().addStripFlags(command);
  // Secrets: `--gitleaks-config` (else .gitleaks.toml) and `--baseline` (else .nbguard-baseline.json).
  const addSecretFlags = (command: Command, withBaseline: boolean): Command => secretFlagsModule().addSecretFlags(command, withBaseline);

  if (wanted('check')) {
    const check = program
      .command('check')
      .description('report problems in notebooks; never writes them (exit 0 clean, 1 errors found, 2 usage error)')
      .argument('[paths...]', 'notebooks or folders to check', ['.'])
      .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json', 'sarif', 'github']).default('pretty'))
      .option('-o, --output <file>', 'write the report to this file instead of standard output')
      .addOption(new Option('--max-warnings <count>', 'also fail (exit 1) when there are more warnings than this').argParser(count))
      .option('-q, --quiet', 'report errors only; warnings are neither shown nor counted')
      .option('--verbose', 'one finding per cell for each output, count and metadata key strip removes (default: one per notebook and kind; pretty output: one line per notebook)')
      .option('-c, --config <file>', 'use this config file instead of looking for one')
      .option('--no-cache', 'check every file, even those unchanged since the last run')
      .option('--cache-location <folder>', 'keep the result cache here (default: the repository\'s git folder, else node_modules/.cache/nbguard)')
      .option('--print-config <file>', 'print which config applies to FILE and its effective settings (JSON); check nothing');
    addSecretFlags(check, true);
    type CheckFlags = ConfigFlags & {
      format: 'pretty' | 'json' | 'sarif' | 'github';
      output?: string;
      maxWarnings?: number;
      quiet?: boolean;
      verbose?: boolean;
      cache: boolean;
      cacheLocation?: string;
      printConfig?: string;
    };
    addStripFlags(check).action(async (paths: string[], flags: CheckFlags) => {
      if (flags.printConfig !== undefined) {
        const { printConfig } = printConfigModule();
        const { stripFlagOverrides } = stripFlagsModule();
        const cliStrip = stripFlagOverrides(flags, (message) => error(`nbguard: ${message}`));
        process.exitCode = printConfig(flags.printConfig, { cwd: process.cwd(), ...(flags.config !== undefined ? { configPath: flags.config } : {}), cliStrip }, write);
        return;
      }
      const { runCheck } = checkModule();
      const code = await runCheck({
        paths,
        format: flags.format,
        config: runConfig(flags, 'check'),
        color: colorEnabled(),
        cwd: process.cwd(),
        ...(flags.output !== undefined ? { outputFile: flags.output } : {}),
        ...(flags.maxWarnings !== undefined ? { maxWarnings: flags.maxWarnings } : {}),
        quiet: flags.quiet === true,
        verbose: flags.verbose === true,
        cache: flags.cache ? (flags.cacheLocation ?? 'default') : false,
        progress: { isTTY: process.stderr.isTTY === true, write: (text) => process.stderr.write(text) },
        version: version(),
        write,
        error,
      });
      // Its work is done: end as soon as the report is out.
      exitWhenWritten([process.stdout, process.stderr], code);
    });
  }

  if (wanted('strip')) {
    const strip = program
      .command('strip')
      .description('remove outputs, execution counts and noisy metadata in place, changing nothing else; `-` filters stdin to stdout')
      .argument('[paths...]', 'notebooks or folders; `-` for standard input', ['.'])
      .option('-n, --dry-run', 'print which notebooks would change, write nothing')
      .option('--verify', 'with --dry-run implied: exit 1 if any notebook would change')
      .option('-c, --config <file>', 'use this config file instead of looking for one');
    addStripFlags(strip).action(async (paths: string[], flags: ConfigFlags & { dryRun?: boolean; verify?: boolean }) => {
      const { runStrip } = stripModule();
      const code = await runStrip({
        paths,
        config: runConfig(flags, 'strip').project,
        dryRun: Boolean(flags.dryRun || flags.verify),
        verify: Boolean(flags.verify),
        cwd: process.cwd(),
        write,
        error,
      });
      // Its work is done: end as soon as the report is out.
      exitWhenWritten([process.stdout, process.stderr], code);
    });
  }

  if (wanted('rules')) {
    program
      .command('rules')
      .description('list every rule: id, default severity, fixable, description')
      .action(() => {
        const { formatRuleList } = rulesModule();
        write(formatRuleList(colorEnabled()));
      });
  }

  if (wanted('init')) {
    program
      .command('init')
      .description('write a starter nbguard.config.json (with "$schema", so editors complete and check it)')
      .option('--force', 'write it even if a config already exists here')
      .action(async (flags: { force?: boolean }) => {
        const { runInit } = initModule();
        process.exitCode = await runInit({ cwd: process.cwd(), force: flags.force === true, version: version(), write, error });
      });
  }

  if (wanted('baseline')) {
    // `nbguard baseline`: record the findings of today (rule, path, cell, fingerprint) so only new ones fail.
    const baseline = program
      .command('baseline')
      .description('record the current findings in .nbguard-baseline.json, merged with what it holds, so check and the hook fail only on new ones (rule, path, cell and a fingerprint; secrets as salted scrypt hashes)')
      .argument('[paths...]', 'notebooks or folders to record', ['.'])
      .option('-o, --output <file>', 'baseline file to write', '.nbguard-baseline.json')
      .option('--prune', 'drop entries, in the paths given, whose findings are gone (default: keep them)')
      .option('--history', 'record the findings of every notebook blob in the git history instead (what `nbguard history` finds), so that history and the pre-push hook fail only on new leaks')
      .option('-c, --config <file>', 'use this config file instead of looking for one');
    addSecretFlags(baseline, false).action(async (paths: string[], flags: ConfigFlags & { output: string; prune?: boolean; history?: boolean }) => {
      const { runBaseline } = baselineModule();
      const history = flags.history === true ? { config: (top: string) => runConfig(flags, 'baseline', top), version: version(), defaultOutput: baseline.getOptionValueSource('output') === 'default' } : undefined;
      process.exitCode = await runBaseline({
        paths,
        output: flags.output,
        config: runConfig(flags, 'baseline'),
        cwd: process.cwd(),
        prune: flags.prune === true,
        ...(history ? { history } : {}),
        write,
        error,
      });
    });
  }

  if (wanted('history')) {
    // `nbguard history`: the content rules over every notebook blob that entered the repository.
    const history = program
      .command('history')
      .description('check every notebook blob in the git history (or a revision range) for secrets and personal data')
      .argument('[revisions...]', 'revisions as git takes them (default: --all); `-- <paths>` limits the notebooks')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json', 'sarif', 'github']).default('pretty'))
      .option('-o, --output <file>', 'write the report to this file instead of standard output')
      .option('-q, --quiet', 'report errors only')
      .option('--no-cache', 'judge every blob again (the cache is in the repository\'s git folder, by blob id)')
      .option('--purge-plan <dir>', 'write cleaned versions of the leaking blobs and a git filter-repo script that swaps exactly those (rotate the credentials first)')
      .option('-c, --config <file>', 'use this config file instead of looking for one');
    addSecretFlags(history, true);
    type HistoryFlags = ConfigFlags & { format: 'pretty' | 'json' | 'sarif' | 'github'; output?: string; quiet?: boolean; cache: boolean; purgePlan?: string };
    history.action(async (operands: string[], flags: HistoryFlags) => {
      const { runHistory } = historyModule();
      // Operands after `--` are paths, as in git; commander hands them over with the revisions.
      const separator = process.argv.indexOf('--');
      const paths = separator === -1 ? [] : process.argv.slice(separator + 1);
      const revisions = operands.slice(0, operands.length - paths.length);
      process.exitCode = await runHistory({
        revisions,
        paths,
        format: flags.format,
        config: (top) => runConfig(flags, 'check', top),
        color: colorEnabled(),
        cwd: process.cwd(),
        ...(flags.output !== undefined ? { outputFile: flags.output } : {}),
        quiet: flags.quiet === true,
        cache: flags.cache,
        ...(flags.purgePlan !== undefined ? { purgePlan: flags.purgePlan } : {}),
        version: version(),
        write,
        error,
      });
    });
  }

  // git integration: hook, install/uninstall/status, fix, filter-process, textconv
  if (GIT_COMMANDS.some(wanted)) gitCommandsModule().addGitCommands(program);
  if (MERGE_COMMANDS.some(wanted)) mergeCommandModule().addMergeCommand(program);
  return program;
}

async function main(argv: readonly string[]): Promise<void> {
  // git integration: `nbguard hook pre-commit [--no-fix]` runs on every commit, so it skips
  // commander and the command definitions (a third of its cost when nothing is staged).
  if (argv[2] === 'hook' && argv[3] === 'pre-commit' && argv.slice(4).every((arg) => arg === '--no-fix')) {
    const { preCommitMain, exitHook } = preCommitModule();
    exitHook(await preCommitMain(argv.slice(4)));
    return;
  }
  // `nbguard merge %O %A %B %P` (the merge driver) runs once per notebook a `git merge` merges: it skips commander too.
  if (argv[2] === 'merge' && argv.length >= 6 && argv.length <= 7 && argv.slice(3).every((arg) => !arg.startsWith('-'))) {
    process.exitCode = await mergeModule().runMergeArgs(argv.slice(3), { error });
    return;
  }
  stopQuietlyOnBrokenPipe();
  // `nbguard --version` alone answers without commander and the command definitions.
  if (argv.length === 3 && (argv[2] === '-v' || argv[2] === '--version')) {
    write(`${version()}\n`);
    return;
  }
  const help = argv.slice(2).some((arg) => arg === '-h' || arg === '--help');
  // Flags before the cache: V8 refuses bytecode serialized under other flags, and a module loaded
  // through the cache before they change would be refused, recompiled and the whole file
  // rewritten on every run (a cached check took 0.46× the floor with the flags set first, 0.53× the other way).
  if (!help) tuneCompilerModule().tuneCompiler();
  enableCompileCache(help ? 'plain' : 'tuned');
  const program = buildProgram(COMMANDS.includes(argv[2] ?? '') ? argv[2] : undefined);
  try {
    await program.parseAsync(argv as string[]);
  } catch (caught) {
    if (caught instanceof commanderModule().CommanderError) {
      // Help and version exit 0; every other parse problem is a usage error.
      process.exitCode = caught.exitCode === 0 ? 0 : 2;
      return;
    }
    const { ConfigError } = configErrorModule();
    const { UsageError } = usageErrorModule();
    if (caught instanceof UsageError || caught instanceof ConfigError) {
      error(`nbguard: ${caught.message}`);
      process.exitCode = 2;
      return;
    }
    error(`nbguard: internal error: ${caught instanceof Error ? (caught.stack ?? caught.message) : String(caught)}`);
    process.exitCode = 2;
  }
}

void main(process.argv);
