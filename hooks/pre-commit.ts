#!/usr/bin/env node
/** The pre-commit hook as a script: `node dist/hooks/pre-commit.js [--no-fix]`, the same as `nbguard hook pre-commit`. */
import { exitHook, preCommitMain } from '../src/entry/pre-commit';

void preCommitMain(process.argv.slice(2)).then(exitHook);
