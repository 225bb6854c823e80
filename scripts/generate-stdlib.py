#!/usr/bin/env python3
"""Writes src/detectors/python/stdlib-modules.ts: the top-level modules of Python's standard library.

Run once with a CPython >= 3.10 (`python3 scripts/generate-stdlib.py`) and commit the output; the
`undeclared-import` rule reads it. The current interpreter's `sys.stdlib_module_names` is the
base. Modules that other versions add or removed are listed below from the "What's New" pages of
each release (top-level modules only; submodules such as `importlib.metadata` are not tracked),
so that every version from 3.6 to 3.14 gets its own list, and Python 2.7's is written out too.
"""

import sys
from pathlib import Path

# Top-level stdlib modules added in a release (version -> names).
ADDED = {
    (3, 6): ["secrets"],
    (3, 7): ["contextvars", "dataclasses", "_contextvars"],
    (3, 8): [],
    (3, 9): ["graphlib", "zoneinfo", "_zoneinfo"],
    (3, 10): [],
    (3, 11): ["tomllib"],
    (3, 12): ["_pylong", "_wmi"],
    (3, 13): ["_colorize", "_interpchannels", "_interpqueues", "_interpreters", "_pyrepl"],
    (3, 14): ["annotationlib", "compression", "_zstd"],
}

# Top-level stdlib modules removed in a release (version -> names): gone from that version on.
REMOVED = {
    (3, 7): [],
    (3, 8): ["macpath"],
    (3, 9): ["_dummy_thread", "dummy_threading"],
    (3, 10): ["formatter", "parser", "symbol", "_peg_parser"],
    (3, 11): ["binhex"],
    (3, 12): ["asynchat", "asyncore", "distutils", "imp", "smtpd"],
    (3, 13): [
        "aifc", "audioop", "cgi", "cgitb", "chunk", "crypt", "imghdr", "lib2to3", "mailcap", "msilib", "nis",
        "nntplib", "ossaudiodev", "pipes", "sndhdr", "spwd", "sunau", "telnetlib", "uu", "xdrlib",
        "_crypt", "_msi",
    ],
    (3, 14): [],
}

# Python 2.7's top-level modules that Python 3 renamed or dropped (plus the ones both have, below).
PYTHON2_ONLY = """
BaseHTTPServer Bastion CGIHTTPServer Canvas ConfigParser Cookie DocXMLRPCServer FileDialog FixTk HTMLParser
MimeWriter Queue ScrolledText SimpleDialog SimpleHTTPServer SimpleXMLRPCServer SocketServer StringIO Tix Tkconstants
Tkdnd Tkinter UserDict UserList UserString __builtin__ _winreg anydbm audiodev bsddb cPickle cStringIO commands
compiler cookielib copy_reg dbhash dircache dl dumbdbm dummy_thread exceptions fpformat future_builtins gdbm
hotshot htmlentitydefs htmllib httplib ihooks imageop imputil md5 mhlib mimetools mimify multifile mutex new
popen2 posixfile repr rexec rfc822 robotparser sets sgmllib sha statvfs sunaudio thread tkColorChooser
tkCommonDialog tkFileDialog tkFont tkMessageBox tkSimpleDialog toaiff ttk urllib2 urlparse user whichdb xmllib
xmlrpclib _LWPCookieJar _MozillaCookieJar
""".split()

# Python 3 modules that Python 2.7 also had (top-level, public): the rest of its standard library.
PYTHON2_SHARED = """
abc aifc argparse array ast asynchat asyncore atexit audioop base64 bdb binascii binhex bisect bz2 cProfile
calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall contextlib copy crypt csv
ctypes curses datetime decimal difflib dis distutils doctest email encodings ensurepip errno fcntl filecmp
fileinput fnmatch formatter fractions ftplib functools gc getopt getpass gettext glob grp gzip hashlib heapq hmac
imaplib imghdr imp importlib inspect io itertools json keyword lib2to3 linecache locale logging macpath mailbox
mailcap marshal math mimetypes mmap modulefinder msilib msvcrt multiprocessing netrc nis nntplib numbers
operator optparse os ossaudiodev parser pdb pickle pickletools pipes pkgutil platform plistlib poplib posix
pprint profile pstats pty pwd py_compile pyclbr pydoc pyexpat quopri random re readline resource rlcompleter
runpy sched select shelve shlex shutil signal site smtpd smtplib sndhdr socket spwd sqlite3 ssl stat string
stringprep struct subprocess sunau symbol symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile
termios textwrap this threading time timeit token tokenize trace traceback tty turtle types unicodedata unittest
urllib uu uuid warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipfile zipimport zlib
__future__ __main__ _ast _bisect _codecs _collections _csv _functools _heapq _io _json _locale _md5 _random
_socket _sre _ssl _struct _symtable _thread _threading_local _warnings _weakref _weakrefset
""".split()

FIRST = (3, 6)
LAST = (3, 14)


def versions():
    return [(3, minor) for minor in range(FIRST[1], LAST[1] + 1)]


def main():
    here = sys.version_info[:2]
    if here < (3, 10):
        sys.exit("needs Python >= 3.10 (sys.stdlib_module_names)")
    base = set(sys.stdlib_module_names)
    by_version = {}
    # Walk down from the running version: undo additions, restore removals.
    names = set(base)
    for version in sorted((v for v in versions() if v <= here), reverse=True):
        by_version[version] = set(names)
        names -= set(ADDED.get(version, []))
        names |= set(REMOVED.get(version, []))
    # And up from it.
    names = set(base)
    for version in sorted(v for v in versions() if v > here):
        names |= set(ADDED.get(version, []))
        names -= set(REMOVED.get(version, []))
        by_version[version] = set(names)

    everywhere = set.intersection(*by_version.values())
    lines = [
        "// Generated by scripts/generate-stdlib.py from CPython "
        f"{sys.version.split()[0]}'s sys.stdlib_module_names and the releases' \"What's New\" pages. Do not edit.",
        "",
        "/** Top-level standard library modules of every Python 3 version from 3.6 to 3.14. */",
        f"export const STDLIB_EVERY_VERSION: readonly string[] = {ts_list(sorted(everywhere))};",
        "",
        "/** Modules only some Python 3 versions have: name -> [first version with it, first version without it] (`null`: still there). */",
        "export const STDLIB_SOME_VERSIONS: Readonly<Record<string, readonly [string, string | null]>> = {",
    ]
    for name in sorted(set.union(*by_version.values()) - everywhere):
        present = [v for v in versions() if name in by_version[v]]
        first, last = present[0], present[-1]
        gone = None if last == LAST else f"{last[0]}.{last[1] + 1}"
        if len(present) != last[1] - first[1] + 1:
            sys.exit(f"{name}: not one range of versions")
        lines.append(f"  {ts_key(name)}: ['{first[0]}.{first[1]}', {repr(gone) if gone else 'null'}],")
    lines.append("};")
    lines.append("")
    lines.append("/** Python 2.7's top-level standard library modules. */")
    lines.append(f"export const STDLIB_PYTHON2: readonly string[] = {ts_list(sorted(set(PYTHON2_ONLY) | set(PYTHON2_SHARED)))};")
    lines.append("")
    out = Path(__file__).resolve().parent.parent / "src" / "detectors" / "python" / "stdlib-modules.ts"
    out.write_text("\n".join(lines))
    print(f"wrote {out} ({len(everywhere)} modules in every version)")


def ts_key(name):
    return name if name.isidentifier() else repr(name)


def ts_list(names):
    body = "".join(f"\n  '{name}'," for name in names)
    return f"[{body}\n]"


if __name__ == "__main__":
    main()
