// lint-staged task for staged *.ts files: type-checks the whole project (a file cannot be checked
// apart from what it imports). Incremental, so a commit pays a few seconds rather than a build.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const result = spawnSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/nbguard/typecheck.tsbuildinfo'],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
