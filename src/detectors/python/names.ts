/**
 * Names a notebook may read without defining them: Python's builtins and what IPython puts in
 * every kernel's namespace.
 */

/** `dir(builtins)` of Python 3.13, plus the Python 2 builtins that old notebooks still use. */
const BUILTINS = new Set(
  (
    'ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError ' +
    'BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ' +
    'ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ' +
    'ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ' +
    'ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError ' +
    'KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented ' +
    'NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError ' +
    'PythonFinalizationError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning ' +
    'StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True ' +
    'TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError ' +
    'UnicodeWarning UserWarning ValueError Warning WindowsError ZeroDivisionError _IncompleteInputError abs aiter ' +
    'all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright ' +
    'credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr ' +
    'hash help hex id input int isinstance issubclass iter len license list locals map max memoryview min next ' +
    'object oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod ' +
    'str sum super tuple type vars zip'
  ).split(' '),
);

/** Builtins of Python 2 only: a name error in a Python 3 kernel. */
const PYTHON2_BUILTINS = new Set(
  'apply basestring buffer cmp coerce execfile file intern long raw_input reduce reload StandardError unichr unicode xrange'.split(' '),
);

/** What IPython defines in the user namespace (or its builtins) before the first cell runs. */
const IPYTHON = new Set(['display', 'get_ipython', 'In', 'Out', '_', '__', '___', '_i', '_ii', '_iii', '_ih', '_oh', '_dh', '_exit_code', '__IPYTHON__', '__builtin__', '__builtins__']);

/** `_i3` (input of cell 3), `_3` (its output). */
const IPYTHON_HISTORY = /^_i?\d+$/;

/**
 * True for names the kernel defines: builtins (Python 2's too in a Python 2 kernel), IPython's
 * names, and `__dunder__` names but `__file__`, which an IPython kernel does not set.
 */
export function isPredefined(name: string, python2 = false): boolean {
  if (BUILTINS.has(name) || IPYTHON.has(name) || (python2 && PYTHON2_BUILTINS.has(name))) return true;
  if (name.charCodeAt(0) !== 95 /* _ */) return false;
  return IPYTHON_HISTORY.test(name) || (name.length > 4 && name.startsWith('__') && name.endsWith('__') && name !== '__file__');
}

