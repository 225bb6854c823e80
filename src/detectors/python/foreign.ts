import { NAME, OP, type Tokens } from './lexer';

/**
 * Text of another language that happens to parse as Python, found in documentation notebooks'
 * code cells: it is not analysed, as if the cell had a `%%sql` or `%%bash` line. Only forms that
 * no Python author writes on purpose count:
 *
 * - a line starting with `--name` (a command-line option such as `--outputCodec,lzo`, or an SQL
 *   comment): in Python a double negation of a name as a statement does nothing;
 * - a cell that is one bare name and a `;` (`abort;`, `COMMIT;`): in IPython the `;` hides the
 *   value, so the cell does nothing at all.
 */
export function isForeignText(source: string, tokens: Tokens): boolean {
  const { count, kind, start, end } = tokens;
  if (count === 2 && kind[0] === NAME && kind[1] === OP && source.charCodeAt(start[1]!) === 59 /* ; */ && end[1]! - start[1]! === 1) return true;
  for (let l = 0; l < tokens.lineCount; l++) {
    const first = tokens.lineFirst[l]!;
    if (first + 2 >= count || kind[first] !== OP || kind[first + 1] !== OP || kind[first + 2] !== NAME) continue;
    const at = start[first]!;
    if (source.charCodeAt(at) === 45 && end[first] === at + 1 && start[first + 1] === at + 1 && source.charCodeAt(at + 1) === 45 && start[first + 2] === at + 2) return true;
  }
  return false;
}
