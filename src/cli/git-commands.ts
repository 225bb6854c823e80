import type { Command } from 'commander';

/**
 * The git-facing commands: the hook, the installers, `fix` for lint-staged, the clean filter's
 * long-running process and the diff driver. Each implementation is required when its command
 * runs, so defining them costs nothing at start-up.
 */
export function addGitCommands(program: Command): void {
  program
    .command('hook')
    .description('run a git hook on what is staged (installed by `nbguard install`)')
    .argument('<name>', 'the hook: pre-commit')
    .option('--no-fix', 'only check; do not strip the staged copies')
    .action(async (name: string, flags: { fix: boolean }) => {
      if (name !== 'pre-commit') {
        process.stderr.write(`nbguard: unknown hook "${name}"; nbguard provides: pre-commit\n`);
        process.exitCode = 2;
        return;
      }
      const { preCommitMain } = require('../../hooks/pre-commit') as typeof import('../../hooks/pre-commit');
      process.exitCode = await preCommitMain(flags.fix ? [] : ['--no-fix']);
    });
}
