import { setFlagsFromString } from 'node:v8';

/**
 * V8's optimizing compiler inlines up to 920 bytes of bytecode per function by default. A check is
 * a short run over many large, similar inputs, where that compile work (on a background thread)
 * costs more than inlining saves: a smaller budget cut CPU time by a fifth and wall time by a
 * tenth over the corpus (`npm run bench`). Set before the rules are compiled. Not for `--version`
 * or a hook run, which compile little and start faster without loading `node:v8`; the bench's
 * in-process passes (`bench/warm-pass.ts`) set it too, to measure what `check` runs.
 */
export function tuneCompiler(): void {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');
}
