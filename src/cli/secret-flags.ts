import type { Command } from 'commander';

/** Flags of `check` and `baseline` that feed the secret rule and the baseline. */
export interface SecretFlagValues {
  readonly baseline?: string;
  readonly gitleaksConfig?: string;
}

export function addSecretFlags(command: Command, withBaseline: boolean): Command {
  if (withBaseline) command.option('--baseline <file>', 'known findings not to fail on (default: .nbguard-baseline.json when present)');
  return command.option('--gitleaks-config <file>', 'also use the rules of a gitleaks config (default: .gitleaks.toml when present)');
}
