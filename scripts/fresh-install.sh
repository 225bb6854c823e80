#!/usr/bin/env bash
# Installs nbguard as a user would — the packed tarball into an empty project, with dependencies
# resolved afresh from the registry (no lockfile) — and runs the CLI and git suites against that
# installation. Catches what the lockfile hides: a dependency's new minor version that warns or breaks.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
# Some suites run the CLI as another user (nobody), who must be able to read the installation.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
mkdir "$work/project"
(cd "$work/project" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "$work/$tarball")
installed="$work/project/node_modules/nbguard/dist/src/cli/main.js"
echo "fresh install: nbguard $(node "$installed" --version) with simple-git $(node -p "require('$work/project/node_modules/simple-git/package.json').version")"
NBGUARD_CLI="$installed" npx jest dist/tests/cli dist/tests/git dist/tests/run
