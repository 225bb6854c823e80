/**
 * npm's `prepare` step, run after `npm install` in a clone (and for installs from git): build
 * dist/, expose the `nbguard` command in node_modules/.bin, and set up this repository's own
 * husky hook. An installed package has no sources and does nothing here: consumers never build
 * and never run husky (the published tarball is built by `prepack`).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (fs.existsSync(path.join(root, 'src', 'cli', 'main.ts'))) {
  run('npm', ['run', 'build']);
  linkOwnCommand();
  freshenHiddenLockfile();
  const husky = path.join(root, 'node_modules', '.bin', 'husky');
  if (fs.existsSync(path.join(root, '.git')) && fs.existsSync(husky) && process.env.HUSKY !== '0') run(husky, []);
}

/**
 * `npx nbguard` in a clone finds the command in node_modules/.bin at once; without the link, npx
 * installs the clone itself into its cache first (a second build: ~20-40 s before any output).
 */
function linkOwnCommand() {
  const main = path.join(root, 'dist', 'src', 'cli', 'main.js');
  fs.chmodSync(main, 0o755);
  const bin = path.join(root, 'node_modules', '.bin');
  const link = path.join(bin, 'nbguard');
  fs.mkdirSync(bin, { recursive: true });
  try {
    fs.rmSync(link, { force: true });
    fs.symlinkSync(path.relative(bin, main), link);
  } catch (error) {
    // A file system without symbolic links: npx falls back to installing the clone, which still works.
    process.stderr.write(`nbguard prepare: could not link node_modules/.bin/nbguard: ${error.message}\n`);
  }
}

/**
 * npm wrote node_modules/.package-lock.json before this step, and the build has since changed the
 * project folder, so npm takes that record for stale: the first `npx` after `npm install` re-read
 * every installed package (~8 s here) before running anything. The dependencies did not change.
 */
function freshenHiddenLockfile() {
  const hidden = path.join(root, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(hidden)) return;
  const now = new Date();
  fs.utimesSync(hidden, now, now);
}
