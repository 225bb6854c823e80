import type { Repository } from './repository';

/**
 * Whether the index (the one in the repository's environment) holds exactly HEAD's tree: a commit
 * of it would record no change. False when there is no HEAD yet (a first commit).
 */
export function indexMatchesHead(repo: Repository): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = repo.spawn(['diff-index', '--cached', '--quiet', 'HEAD', '--']);
    child.stdin.end();
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    // 0: no difference; 1: differences; 128: no HEAD (or another failure, which the commit will report).
    child.on('close', (code) => resolve(code === 0));
  });
}
