import { readFileSync } from 'node:fs';
import path from 'node:path';
import { timeInterleaved } from '../../bench/measure';
import { tempDir } from '../helpers/notebook';

describe('timeInterleaved', () => {
  it('runs every process once per round, in turn, and gives each its median', () => {
    const log = path.join(tempDir(), 'order.txt');
    const run = (name: string) => ({ command: process.execPath, args: ['-e', `require('fs').appendFileSync(${JSON.stringify(log)}, ${JSON.stringify(name)})`] });
    const times = timeInterleaved([run('a'), run('b'), run('c')], 3);
    expect(readFileSync(log, 'utf8')).toBe('abcabcabc');
    expect(times).toHaveLength(3);
    for (const seconds of times) expect(seconds).toBeGreaterThan(0);
  });
});
