// Removes build output so deleted sources never leave stale compiled files behind.
require('node:fs').rmSync(require('node:path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
