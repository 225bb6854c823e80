import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ORPHAN_AGE_MS, removeIfOlder, removeOrphanedWrites, temporaryWriteOf } from '../../src/util/orphaned-writes';
import { tempDir } from '../helpers/notebook';

describe('temporary files of atomic writes (write-file-atomic: `<file>.<number>`)', () => {
  it('tells the file a temporary name belongs to', () => {
    expect(temporaryWriteOf('cache.v8.3141592653')).toBe('cache.v8');
    expect(temporaryWriteOf('hook-ab12-v8-11.3.bin.7')).toBe('hook-ab12-v8-11.3.bin');
    for (const name of ['cache.v8', 'cache.v8.bak', 'cache.v8.12a', '.123', 'cache.v8.']) expect(temporaryWriteOf(name)).toBeUndefined();
  });

  it("deletes only the given file's temporary writes older than an hour", () => {
    const folder = tempDir();
    const file = path.join(folder, 'cache.v8');
    const now = Date.now();
    const names = { old: 'cache.v8.11', young: 'cache.v8.22', otherFile: 'other.v8.33', notTemporary: 'cache.v8.bak', itself: 'cache.v8' };
    for (const name of Object.values(names)) writeFileSync(path.join(folder, name), 'x');
    const past = new Date(now - ORPHAN_AGE_MS - 60_000);
    for (const name of [names.old, names.otherFile, names.notTemporary, names.itself]) utimesSync(path.join(folder, name), past, past);
    removeOrphanedWrites(file, now);
    const left = Object.fromEntries(Object.entries(names).map(([key, name]) => [key, existsSync(path.join(folder, name))]));
    expect(left).toEqual({ old: false, young: true, otherFile: true, notTemporary: true, itself: true });
  });

  it('never throws: a missing folder or file is nothing to delete', () => {
    const missing = path.join(tempDir(), 'gone', 'cache.v8');
    expect(() => removeOrphanedWrites(missing)).not.toThrow();
    expect(removeIfOlder(missing, 0)).toBe(false);
  });
});
