import { withoutControls } from '../engine/masking';

/**
 * Text from a notebook or a file name as the terminal may show it: ANSI sequences removed, other
 * control characters (ESC, BEL, C1) replaced, tab kept, and newlines when `keepNewlines`.
 * Every reporter prints through it.
 */
export function printable(text: string, keepNewlines = false): string {
  return withoutControls(text, keepNewlines);
}
