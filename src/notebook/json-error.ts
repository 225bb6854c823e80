/**
 * Locates the first JSON syntax error in a text that `JSON.parse` rejected, with a short reason.
 * V8's messages sometimes omit the position and quote part of the input (which may hold a
 * secret), so we find the place ourselves. Only runs on files that already failed to parse.
 * Iterative: nesting depth costs memory for a stack of brackets, never call-stack frames.
 */
export function findJsonError(text: string, start: number): { offset: number; reason: string } {
  let at = start;
  const stack: number[] = []; // open brackets: 0x7b '{' or 0x5b '['
  // What the grammar allows next.
  type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';
  let expect: Expect = 'value';

  const skipSpace = (): void => {
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      at++;
    }
  };
  const describe = (offset: number): string => {
    if (offset >= text.length) return 'unexpected end of file';
    const char = text[offset]!;
    const shown = /[\x21-\x7e]/.test(char) ? `'${char}'` : `character U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return `unexpected ${shown}`;
  };
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'comma-or-close');

  for (;;) {
    skipSpace();
    if (at >= text.length) {
      return expect === 'end' ? { offset: at, reason: 'JSON.parse rejected the file' } : { offset: at, reason: 'unexpected end of file' };
    }
    const c = text.charCodeAt(at);
    switch (expect) {
      case 'end':
        return { offset: at, reason: `${describe(at)} after the end of the document` };
      case 'colon':
        if (c !== 0x3a) return { offset: at, reason: `${describe(at)}, expected ':'` };
        at++;
        expect = 'value';
        continue;
      case 'comma-or-close': {
        const open = stack[stack.length - 1];
        if (c === 0x2c) {
          at++;
          skipSpace();
          const next = text.charCodeAt(at);
          if (next === 0x7d || next === 0x5d) return { offset: at, reason: 'trailing comma' };
          expect = open === 0x7b ? 'key' : 'value';
          continue;
        }
        if ((open === 0x7b && c === 0x7d) || (open === 0x5b && c === 0x5d)) {
          stack.pop();
          at++;
          expect = afterValue();
          continue;
        }
        return { offset: at, reason: `${describe(at)}, expected ',' or '${open === 0x7b ? '}' : ']'}'` };
      }
      case 'key':
      case 'key-or-close':
        if (c === 0x7d && expect === 'key-or-close') {
          stack.pop();
          at++;
          expect = afterValue();
          continue;
        }
        if (c !== 0x22) return { offset: at, reason: `${describe(at)}, expected a double-quoted property name` };
        {
          const end = scanString(text, at);
          if (typeof end === 'object') return end;
          at = end;
        }
        expect = 'colon';
        continue;
      case 'value':
      case 'value-or-close': {
        if (c === 0x5d && expect === 'value-or-close') {
          stack.pop();
          at++;
          expect = afterValue();
          continue;
        }
        if (c === 0x7b || c === 0x5b) {
          stack.push(c);
          at++;
          expect = c === 0x7b ? 'key-or-close' : 'value-or-close';
          continue;
        }
        if (c === 0x22) {
          const end = scanString(text, at);
          if (typeof end === 'object') return end;
          at = end;
          expect = afterValue();
          continue;
        }
        const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 400));
        if (!literal) return { offset: at, reason: `${describe(at)}, expected a value` };
        at += literal[0].length;
        expect = afterValue();
        continue;
      }
    }
  }
}

function scanString(text: string, at: number): number | { offset: number; reason: string } {
  let i = at + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, reason: 'bad \\u escape in string' };
        i += 6;
        continue;
      }
      if (next === undefined || !'"\\/bfnrt'.includes(next)) return { offset: i, reason: 'bad escape in string' };
      i += 2;
      continue;
    }
    if (c < 0x20) return { offset: i, reason: c === 0x0a ? 'unterminated string (raw line break)' : 'control character in string' };
    i++;
  }
  return { offset: at, reason: 'unterminated string' };
}
