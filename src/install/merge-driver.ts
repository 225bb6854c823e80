import path from 'node:path';
import { addLine, removeLine } from './attributes-file';
import { removeGroup, writeGroup, type ConfigGroup } from './git-config';
import { locateHooks, type HookLocation } from './locate';

/** The attributes line for `--merge`. */
const MERGE_ATTRIBUTES_LINE = '*.ipynb merge=nbguard';
const NAME = 'nbguard: merge notebooks cell by cell';

/**
 * The driver's command: it finds nbguard as the hook does and, when there is none, merges as git
 * alone would (`git merge-file`), so a merge never stops for want of nbguard.
 */
const MERGE_GROUP: ConfigGroup = {
  section: 'merge.nbguard',
  owned: true,
  label: 'merge driver',
  entries: [{ key: 'merge.nbguard.driver', args: 'merge %O %A %B %P', fallback: 'merge-file' }],
};

/** `nbguard install --merge`: `merge.nbguard.{name,driver}` in .git/config, and the attributes line. */
export async function installMergeDriver(options: { cwd: string; attributes?: string }): Promise<string[]> {
  const where = await locateHooks(options.cwd);
  await writeGroup(where.repo, MERGE_GROUP);
  await where.repo.capture(['config', '--local', 'merge.nbguard.name', NAME]);
  const file = attributesFile(where, options.attributes);
  const added = addLine(file, MERGE_ATTRIBUTES_LINE);
  return [
    `nbguard: merge driver set in the repository's .git/config (runs \`nbguard merge %O %A %B %P\`, or \`git merge-file\` when nbguard cannot start)`,
    `nbguard: ${added ? 'added' : 'already present:'} \`${MERGE_ATTRIBUTES_LINE}\` ${added ? 'to' : 'in'} ${path.relative(where.topLevel, file)}`,
  ];
}

/** `nbguard uninstall`: removes the driver (only if it is nbguard's) and the attributes line. */
export async function uninstallMergeDriver(options: { cwd: string; attributes?: string }): Promise<string[]> {
  const where = await locateHooks(options.cwd);
  const lines: string[] = [];
  if (await removeGroup(where.repo, MERGE_GROUP)) lines.push('nbguard: removed the merge driver (merge.nbguard) from .git/config');
  const files = [where.infoAttributes, path.join(where.topLevel, '.gitattributes')];
  if (options.attributes) files.push(attributesFile(where, options.attributes));
  for (const file of new Set(files)) {
    if (removeLine(file, MERGE_ATTRIBUTES_LINE)) lines.push(`nbguard: removed \`${MERGE_ATTRIBUTES_LINE}\` from ${path.relative(where.topLevel, file)}`);
  }
  return lines;
}

/** `nbguard status`: the merge driver's setting and what *.ipynb files get. */
export async function mergeDriverStatus(options: { cwd: string }): Promise<string[]> {
  const where = await locateHooks(options.cwd);
  const driver = (await where.repo.tryRun(['config', '--get', 'merge.nbguard.driver']))?.trim();
  const attribute = /: merge: (.*)$/m.exec(await where.repo.run(['check-attr', 'merge', '--', 'any.ipynb']))?.[1];
  // nbguard's own driver is a launcher script (see command.ts): say what it runs, not its text.
  const shown = driver === undefined ? 'not configured' : /^sh -c '.*' nbguard merge %O %A %B %P$/.test(driver) ? 'nbguard merge %O %A %B %P (git merge-file when nbguard cannot start)' : `driver = ${driver}`;
  return [`merge driver:     ${shown}`, `*.ipynb merge:    ${attribute ?? 'unspecified'}`];
}

function attributesFile(where: HookLocation, attributes: string | undefined): string {
  return attributes ? path.resolve(where.topLevel, attributes) : where.infoAttributes;
}
