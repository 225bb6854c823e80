/**
 * Absolute paths into a user's home folder: `/Users/<name>/…` (macOS), `/home/<name>/…`
 * (Linux), `C:\Users\<name>\…` or `C:/Users/<name>/…` (Windows, doubled backslashes of a repr
 * included) and `/mnt/c/Users/<name>/…` (WSL). They work on one machine only and carry its
 * user's name. Shared folders that are nobody's home (`/Users/Shared`, `C:\Users\Public`) are not.
 */
export interface HomePath {
  /** Span of the path in the text. */
  readonly start: number;
  readonly end: number;
  /** The user name in it. */
  readonly user: string;
}

const NOT_A_USER: ReadonlySet<string> = new Set(['shared', 'public', 'default', 'default user', 'all users', 'guest']);

/** The home-folder prefix and the user name after it (Windows names may hold spaces). */
const HOME = /(?:\/(?:Users|home)\/|\/mnt\/[a-z]\/Users\/|[A-Za-z]:(?:\\\\?|\/)[Uu]sers(?:\\\\?|\/))([A-Za-z0-9][\w.@-]*(?: [\w.@-]+)*)(?=\\|\/|$|[<\u001b\s'"`),;\]}>|])/y;
/** Where a path in free text may start: not inside a word, a URL or another path. */
const BEFORE_PATH = /[\w./\\~:-]/;
/** A terminal colour code just before (`\u001b[0;32m/Users/…` in a coloured log line). */
const AFTER_COLOUR = /\u001b\[[\d;]*m$/;
/** Where a path in free text ends. */
const PATH_END = /[<\u001b\s'"`),;\]}>|]/;
const CANDIDATE = /\/Users\/|\/home\/|\/mnt\/[a-z]\/Users\/|[A-Za-z]:(?:\\\\?|\/)[Uu]sers(?:\\\\?|\/)/g;

/** The home path `value` starts with (a string literal's value), or undefined. */
export function homePathAtStart(value: string): HomePath | undefined {
  return homePathAt(value, 0);
}

/**
 * Home paths in free text (an output): each starts where a path can (not after a letter, a dot,
 * a slash or a URL scheme's colon) and runs to the next space, quote or bracket.
 */
export function homePathsIn(text: string): HomePath[] {
  const found: HomePath[] = [];
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match; match = CANDIDATE.exec(text)) {
    const at = match.index;
    if (at > 0 && BEFORE_PATH.test(text[at - 1]!) && !AFTER_COLOUR.test(text.slice(Math.max(0, at - 16), at))) continue;
    const path = homePathAt(text, at);
    if (!path) continue;
    found.push(path);
    CANDIDATE.lastIndex = path.end;
  }
  return found;
}

function homePathAt(text: string, at: number): HomePath | undefined {
  HOME.lastIndex = at;
  const match = HOME.exec(text);
  if (!match) return undefined;
  const user = match[1]!;
  if (NOT_A_USER.has(user.toLowerCase())) return undefined;
  let end = at + match[0].length;
  // The Windows name pattern allows inner spaces: a space must lead on to a separator.
  while (end < text.length && !PATH_END.test(text[end]!)) end++;
  // Punctuation that ends a sentence is not part of the path: `prepared to /Users/x/3.0.1.`
  while (end > at + match[0].length && /[.,:;]/.test(text[end - 1]!)) end--;
  return { start: at, end, user };
}
