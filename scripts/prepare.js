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
/** Written after a successful build: a build is current while no source is newer than it. */
const STAMP = path.join(root, 'dist', '.prepared');
const SOURCES = ['src', 'hooks', 'tests', 'bench', 'scripts', 'schemas'];
const SETTINGS = ['package.json', 'package-lock.json', 'tsconfig.json'];
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (fs.existsSync(path.join(root, 'src', 'cli', 'main.ts'))) {
  // `npx nbguard` inside the clone installs the clone into npx's cache (npm's way of running a
  // project's own bin), which runs this step again: a build already up to date is not redone.
  if (!buildIsCurrent()) {
    run('npm', ['run', 'build']);
    fs.writeFileSync(STAMP, `built from sources no newer than ${new Date().toISOString()}\n`);
  }
  linkOwnCommand();
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

function buildIsCurrent() {
  let built;
  try {
    built = fs.statSync(STAMP).mtimeMs;
  } catch {
    return false;
  }
  const newer = (file) => fs.statSync(file).mtimeMs > built;
  if (SETTINGS.some((name) => fs.existsSync(path.join(root, name)) && newer(path.join(root, name)))) return false;
  for (const folder of SOURCES) {
    const dir = path.join(root, folder);
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && newer(path.join(entry.parentPath ?? entry.path, entry.name))) return false;
    }
  }
  return true;
}
