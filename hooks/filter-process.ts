#!/usr/bin/env node
/** git's long-running clean filter as a script: `node dist/hooks/filter-process.js`, the same as `nbguard filter-process`. */
import { filterProcessMain } from '../src/entry/filter-process';

void filterProcessMain().then((code) => {
  process.exitCode = code;
});
