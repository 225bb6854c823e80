import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILES } from '../config/load';
import { STARTER_FILE, schemaReference, starterConfig } from '../config/init';
import { writeAtomic } from '../notebook/write';

export interface InitRun {
  readonly cwd: string;
  readonly force: boolean;
  readonly version: string;
  readonly write: (text: string) => void;
  readonly error: (line: string) => void;
}

/** `nbguard init`: writes a starter nbguard.config.json with `$schema`; never clobbers a config. */
export async function runInit(run: InitRun): Promise<number> {
  const target = path.join(run.cwd, STARTER_FILE);
  if (!run.force) {
    const here = CONFIG_FILES.filter((name) => name !== 'package.json' && existsSync(path.join(run.cwd, name)));
    const inPackage = packageHasConfig(path.join(run.cwd, 'package.json'));
    if (here.length > 0 || inPackage) {
      run.error(`nbguard: a config already exists here (${here.length > 0 ? here.join(', ') : 'package.json "nbguard" key'}); use --force to write ${STARTER_FILE} anyway`);
      return 2;
    }
  }
  await writeAtomic(target, starterConfig(schemaReference(run.cwd, run.version)));
  run.write(`wrote ${STARTER_FILE}: rules, ignore, strip and overrides start empty (defaults apply); your editor completes them through "$schema"\n`);
  return 0;
}

function packageHasConfig(file: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return manifest['nbguard'] !== undefined;
  } catch {
    return false; // no package.json, or one that is not ours to judge here
  }
}
