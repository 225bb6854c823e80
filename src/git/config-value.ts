import type { Repository } from './repository';

/** `git config --get KEY` in the repository's environment; undefined when unset (exit 1) or git fails. */
export function configValue(repo: Repository, key: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = repo.spawn(['config', '--get', key]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.resume();
    child.stdin.end();
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 0 ? out.replace(/\n$/, '') : undefined));
  });
}
