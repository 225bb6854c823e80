/**
 * `nbguard filter-process` (git's `filter.nbguard.process`): one Node process strips every
 * notebook git cleans, instead of one `nbguard strip -` per file. Wires stdin/stdout to the
 * protocol and the strip; never looks inside a notebook itself.
 */
import { FilterServer } from '../git/filter-protocol';
import { loadRunConfig } from '../run/config';
import { stripBytes } from '../run/strip';

export function filterProcessMain(): Promise<number> {
  // git runs filters at the top of the work tree: the configuration the hook uses there.
  const config = loadRunConfig({ cwd: process.cwd(), gitleaksConfig: false, baseline: false, warn: (line) => process.stderr.write(`${line}\n`) }).project;
  const server = new FilterServer(
    (pathname, content) => {
      if (config.isIgnored(pathname)) return content; // as the hook and `check`: the config's `ignore` globs
      const outcome = stripBytes(content, pathname, config.forFile(pathname).strip);
      if (outcome.kind === 'stripped') return outcome.text;
      // A file that cannot be stripped (not a notebook, a merge in progress) is stored as it is;
      // the pre-commit hook reports it if it gets staged for a commit.
      if (outcome.kind === 'failed') process.stderr.write(`nbguard: ${pathname}: not stripped: ${outcome.reason}\n`);
      return content;
    },
    (bytes) => process.stdout.write(bytes),
  );
  return new Promise((resolve) => {
    process.stdin.on('data', (chunk: Buffer) => {
      try {
        server.receive(chunk);
      } catch (error) {
        process.stderr.write(`nbguard filter-process: ${error instanceof Error ? error.message : String(error)}\n`);
        resolve(1);
        process.stdin.destroy();
      }
    });
    process.stdin.on('end', () => resolve(server.idle ? 0 : 1));
  });
}
