import type { Command } from 'commander';
import { lazy } from '../util/lazy';
import type * as PicocolorsModule from 'picocolors';
import type * as LocateModule from '../install/locate';
import type * as MergeDriverModule from '../install/merge-driver';
import type * as PrePushModule from '../entry/pre-push';
import type * as PreCommitModule from '../entry/pre-commit';
import type * as InstallModule from '../install/install';
import type * as PrintConfigModule from './print-config';
import type * as FixModule from './fix';
import type * as ConfigModule from '../run/config';
import type * as FilterProcessModule from '../entry/filter-process';
import type * as TextconvModule from './textconv';

const picocolorsModule = lazy((): typeof PicocolorsModule => require('picocolors'));
const locateModule = lazy((): typeof LocateModule => require('../install/locate'));
const mergeDriverModule = lazy((): typeof MergeDriverModule => require('../install/merge-driver'));
const prePushModule = lazy((): typeof PrePushModule => require('../entry/pre-push'));
const preCommitModule = lazy((): typeof PreCommitModule => require('../entry/pre-commit'));
const installModule = lazy((): typeof InstallModule => require('../install/install'));
const printConfigModule = lazy((): typeof PrintConfigModule => require('./print-config'));
const fixModule = lazy((): typeof FixModule => require('./fix'));
const configModule = lazy((): typeof ConfigModule => require('../run/config'));
const filterProcessModule = lazy((): typeof FilterProcessModule => require('../entry/filter-process'));
const textconvModule = lazy((): typeof TextconvModule => require('./textconv'));

/**
 * The git-facing commands: the hook, the installers, `fix` for lint-staged and the pre-commit
 * framework, the clean filter's long-running process and the diff driver. Each implementation is
 * required when its command runs, so defining them costs nothing at start-up.
 */
export function addGitCommands(program: Command): void {
  const color = (): boolean => picocolorsModule().isColorSupported;
  const print = (lines: readonly string[]): void => {
    if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  };
  /** Runs an installer step; outside a repository that is a one-line usage error. */
  const installer = async (step: () => Promise<{ code: number; lines: readonly string[] }>): Promise<void> => {
    const { NotARepository } = locateModule();
    try {
      const outcome = await step();
      print(outcome.lines);
      process.exitCode = outcome.code;
    } catch (error) {
      if (!(error instanceof NotARepository)) throw error;
      process.stderr.write(`nbguard: ${error.message}\n`);
      process.exitCode = 2;
    }
  };

  /** The merge driver's install, uninstall or status lines after the rest (src/install/merge-driver.ts). */
  const withMergeLines = async (
    outcome: { code: number; lines: readonly string[] },
    step: 'installMergeDriver' | 'uninstallMergeDriver' | 'mergeDriverStatus',
    attributes: { attributes?: string },
  ): Promise<{ code: number; lines: readonly string[] }> => {
    const driver = mergeDriverModule();
    const more = await driver[step]({ cwd: process.cwd(), ...attributes });
    const lines = outcome.lines.filter((line) => !(more.length > 0 && line.startsWith('nbguard: nothing to remove')));
    return { code: outcome.code, lines: [...lines, ...more] };
  };

  program
    .command('hook')
    .description('run a git hook: pre-commit (on what is staged) or pre-push (on the commits being pushed); installed by `nbguard install`')
    .argument('<name>', 'the hook: pre-commit or pre-push')
    .argument('[git-arguments...]', 'what git passes the hook (pre-push: the remote\'s name and URL)')
    .option('--no-fix', 'only check; do not strip the staged copies')
    .action(async (name: string, gitArguments: string[], flags: { fix: boolean }) => {
      if (name === 'pre-push') {
        const { prePushMain } = prePushModule();
        const manifest = require('../../../package.json') as { version: string };
        process.exitCode = await prePushMain(gitArguments, manifest.version, color());
        return;
      }
      if (name !== 'pre-commit') {
        process.stderr.write(`nbguard: unknown hook "${name}"; nbguard provides: pre-commit, pre-push\n`);
        process.exitCode = 2;
        return;
      }
      const { preCommitMain, exitHook } = preCommitModule();
      exitHook(await preCommitMain(flags.fix ? [] : ['--no-fix']));
    });

  program
    .command('install')
    .description('install the pre-commit hook (husky aware); --filter also sets up the clean filter and diff driver, --merge the merge driver')
    .option('--filter', 'also set filter.nbguard (clean + long-running process) and diff.ipynb.textconv in .git/config')
    .option('--attributes <file>', 'with --filter or --merge: write the attributes line (`*.ipynb filter=nbguard diff=ipynb`, `*.ipynb merge=nbguard`) to FILE (e.g. .gitattributes) instead of .git/info/attributes')
    .option('--no-chain', 'refuse, instead of chaining, when another tool\'s pre-commit hook is there')
    .option('--force', 'replace another tool\'s pre-commit hook (kept as pre-commit.nbguard-backup)')
    .option('--merge', 'also set the cell-aware merge driver (merge.nbguard) and `*.ipynb merge=nbguard`')
    .option('--pre-push', 'also install the pre-push hook: refuse a push whose commits hold secrets or personal data in a notebook')
    .action(async (flags: { filter?: boolean; attributes?: string; chain: boolean; force?: boolean; merge?: boolean; prePush?: boolean }) => {
      const { install } = installModule();
      const attributes = flags.attributes !== undefined ? { attributes: flags.attributes } : {};
      await installer(() =>
        install({
          cwd: process.cwd(),
          filter: Boolean(flags.filter),
          chain: flags.chain,
          force: Boolean(flags.force),
          prePush: Boolean(flags.prePush),
          ...attributes,
        }).then(async (outcome) => (flags.merge && outcome.code === 0 ? withMergeLines(outcome, 'installMergeDriver', attributes) : outcome)),
      );
    });

  program
    .command('uninstall')
    .description('remove what `nbguard install` wrote (hook, husky line, filter, diff and merge drivers, attributes lines)')
    .option('--attributes <file>', 'also remove the attributes lines from FILE')
    .action(async (flags: { attributes?: string }) => {
      const { uninstall } = installModule();
      const attributes = flags.attributes !== undefined ? { attributes: flags.attributes } : {};
      await installer(() => uninstall({ cwd: process.cwd(), ...attributes }).then((outcome) => withMergeLines(outcome, 'uninstallMergeDriver', attributes)));
    });

  program
    .command('status')
    .description('show where git runs hooks from and what nbguard has installed')
    .action(async () => {
      const { status } = installModule();
      const { configStatusLines } = printConfigModule();
      await installer(() => status({ cwd: process.cwd(), configLines: configStatusLines }).then((outcome) => withMergeLines(outcome, 'mergeDriverStatus', {})));
    });

  program
    .command('fix')
    .description('strip fixable findings in place (for lint-staged / pre-commit); exit 1 only for what stripping cannot fix')
    .argument('<paths...>', 'notebooks or folders')
    .action(async (paths: string[]) => {
      const { runFix } = fixModule();
      const { loadRunConfig } = configModule();
      process.exitCode = await runFix({
        paths,
        config: loadRunConfig({ cwd: process.cwd(), warn: (line) => process.stderr.write(`${line}\n`) }),
        color: color(),
        cwd: process.cwd(),
        write: (text) => process.stdout.write(text),
        error: (line) => process.stderr.write(`${line}\n`),
      });
    });

  program
    .command('filter-process')
    .description('git long-running clean filter (filter.nbguard.process); speaks pkt-line on stdin/stdout')
    .action(async () => {
      const { filterProcessMain } = filterProcessModule();
      process.exitCode = await filterProcessMain();
    });

  program
    .command('textconv')
    .description('print a readable cell-by-cell view of a notebook (diff.ipynb.textconv)')
    .argument('<file>', 'the notebook (git passes a temporary file)')
    .option('--as-staged', 'show a working-tree file as the clean filter stores it (set by `install --filter`)')
    .action((file: string, flags: { asStaged?: boolean }) => {
      const { runTextconv } = textconvModule();
      let stripOptionsFor: ((file: string) => import('../fix/strip-options').StripOptions | undefined) | undefined;
      if (flags.asStaged) {
        const { loadRunConfig } = configModule();
        try {
          // The clean filter's configuration, so the view is what `git add` would store.
          const config = loadRunConfig({ cwd: process.cwd(), gitleaksConfig: false, baseline: false, warn: (line) => process.stderr.write(`${line}\n`) }).project;
          stripOptionsFor = (path) => (config.isIgnored(path) ? undefined : config.forFile(path).strip);
        } catch (caught) {
          // A diff must still show something: the file as it is, with the reason.
          process.stderr.write(`nbguard textconv: ${caught instanceof Error ? caught.message : String(caught)}; showing the file unstripped\n`);
        }
      }
      process.exitCode = runTextconv(
        file,
        (bytes) => process.stdout.write(bytes),
        (line) => process.stderr.write(`${line}\n`),
        stripOptionsFor ? { asStaged: { cwd: process.cwd(), stripOptionsFor } } : {},
      );
    });
}
