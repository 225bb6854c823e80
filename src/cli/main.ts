#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { SecretFlagValues } from './secret-flags';
import type { StripFlagValues } from './strip-flags';

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
  return (require('picocolors') as typeof import('picocolors')).isColorSupported;
}

function buildProgram(): Command {
  const program = new Command('nbguard')
    .description('Guard Jupyter notebooks at the commit: strip outputs, find secrets and data, flag out-of-order execution.')
    .version(version(), '-v, --version')
    .exitOverride()
    .showHelpAfterError('(run `nbguard --help` for usage)');

  const check = program
    .command('check')
    .description('report problems in notebooks; never writes (exit 0 clean, 1 errors found, 2 usage error)')
    .argument('[paths...]', 'notebooks or folders to check', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'));
  const { addStripFlags, stripOptionsFromFlags } = lazyStripFlags();
  // Secrets: `--gitleaks-config` and `--baseline` (src/cli/secret-flags.ts).
  const secretFlags = require('./secret-flags') as typeof import('./secret-flags');
  secretFlags.addSecretFlags(check, true);
  addStripFlags(check).action(async (paths: string[], flags: StripFlagValues & SecretFlagValues & { format: 'pretty' | 'json' }) => {
    const { runCheck } = require('./check') as typeof import('./check');
    const { defaultConfig } = require('../config/config') as typeof import('../config/config');
    const strip = stripOptionsFromFlags(flags, (message) => error(`nbguard: ${message}`));
    const cwd = process.cwd();
    const filterReports = secretFlags.baselineFilterFor(flags, cwd, error);
    process.exitCode = await runCheck({
      paths,
      format: flags.format,
      config: secretFlags.withGitleaksConfig(defaultConfig(strip), flags, cwd, error),
      color: colorEnabled(),
      cwd,
      write,
      error,
      ...(filterReports ? { filterReports } : {}),
    });
  });

  const strip = program
    .command('strip')
    .description('remove outputs, execution counts and noisy metadata in place, changing nothing else; `-` filters stdin to stdout')
    .argument('[paths...]', 'notebooks or folders; `-` for standard input', ['.'])
    .option('-n, --dry-run', 'print which notebooks would change, write nothing')
    .option('--verify', 'with --dry-run implied: exit 1 if any notebook would change');
  addStripFlags(strip).action(async (paths: string[], flags: StripFlagValues & { dryRun?: boolean; verify?: boolean }) => {
    const { runStrip } = require('./strip') as typeof import('./strip');
    process.exitCode = await runStrip({
      paths,
      options: stripOptionsFromFlags(flags, (message) => error(`nbguard: ${message}`)),
      dryRun: Boolean(flags.dryRun || flags.verify),
      verify: Boolean(flags.verify),
      cwd: process.cwd(),
      write,
      error,
    });
  });

  program
    .command('rules')
    .description('list every rule: id, default severity, fixable, description')
    .action(() => {
      const { formatRuleList } = require('./rules') as typeof import('./rules');
      write(formatRuleList(colorEnabled()));
    });

  // `nbguard baseline`: record the secrets found today (rule, path, hash) so only new ones fail.
  const baseline = program
    .command('baseline')
    .description('write .nbguard-baseline.json: the findings check should no longer fail on (rule, path and secret hash only)')
    .argument('[paths...]', 'notebooks or folders to record', ['.'])
    .option('-o, --output <file>', 'baseline file to write', '.nbguard-baseline.json');
  secretFlags.addSecretFlags(baseline, false).action(async (paths: string[], flags: SecretFlagValues & { output: string }) => {
    const { runBaseline } = require('./baseline') as typeof import('./baseline');
    const { defaultConfig } = require('../config/config') as typeof import('../config/config');
    const cwd = process.cwd();
    process.exitCode = await runBaseline({ paths, output: flags.output, config: secretFlags.withGitleaksConfig(defaultConfig(), flags, cwd, error), cwd, write, error });
  });
  return program;
}

function lazyStripFlags(): typeof import('./strip-flags') {
  return require('./strip-flags') as typeof import('./strip-flags');
}

async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
  } catch (caught) {
    if (caught instanceof CommanderError) {
      // Help and version exit 0; every other parse problem is a usage error.
      process.exitCode = caught.exitCode === 0 ? 0 : 2;
      return;
    }
    const { UsageError } = lazyStripFlags();
    if (caught instanceof UsageError) {
      error(`nbguard: ${caught.message}`);
      process.exitCode = 2;
      return;
    }
    error(`nbguard: internal error: ${caught instanceof Error ? (caught.stack ?? caught.message) : String(caught)}`);
    process.exitCode = 2;
  }
}

void main(process.argv);
