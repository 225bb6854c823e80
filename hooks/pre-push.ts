#!/usr/bin/env node
/** The pre-push hook as a script: `node dist/hooks/pre-push.js <remote> <url>`, the same as `nbguard hook pre-push`. */
import { isColorSupported } from 'picocolors';
import { prePushMain } from '../src/entry/pre-push';

const manifest = require('../../package.json') as { version: string };
void prePushMain(process.argv.slice(2), manifest.version, isColorSupported).then((code) => {
  process.exitCode = code;
});
