import { homePathAtStart, homePathsIn } from '../../src/detectors/paths';

describe('home paths', () => {
  it.each<[string, string, string]>([
    ['/Users/jane/data/x.csv', '/Users/jane/data/x.csv', 'jane'],
    ['/Users/jane', '/Users/jane', 'jane'],
    ['/home/ubuntu/data/', '/home/ubuntu/data/', 'ubuntu'],
    ['C:\\Users\\Jane Doe\\Desktop\\a.xlsx', 'C:\\Users\\Jane Doe\\Desktop\\a.xlsx', 'Jane Doe'],
    ['c:\\users\\bob\\x', 'c:\\users\\bob\\x', 'bob'],
    ['C:\\\\Users\\\\bob\\\\x', 'C:\\\\Users\\\\bob\\\\x', 'bob'],
    ['C:/Users/bob/x', 'C:/Users/bob/x', 'bob'],
    ['/mnt/c/Users/ann/f', '/mnt/c/Users/ann/f', 'ann'],
  ])('a value that starts with one: %s', (value, path, user) => {
    const found = homePathAtStart(value);
    expect(found && [value.slice(found.start, found.end), found.user]).toEqual([path, user]);
  });

  it.each(['/tmp/x', '/dev/null', '/proc/cpuinfo', '~/data', '/home', '/home/', '/homes/x/y', '/Users/Shared/x', 'C:\\Users\\Public\\x', '/home/{user}/x', '/home/$USER/x', 'https://x.com/home/jane/a', 'data/home/jane/x', 'file:///Users/jane/x', ' /Users/jane/x'])(
    'not a value that starts with one: %s',
    (value) => {
      expect(homePathAtStart(value)).toBeUndefined();
    },
  );

  it('finds them in free text where a path can start, without trailing punctuation', () => {
    const text =
      'WARNING:tensorflow:From /Users/ageron/envs/x.py:12: call\n' +
      'see http://h/home/jane/x, file:///Users/bob/x and "/home/jake/projects"\n' +
      '  File "C:\\Users\\Jane Doe\\lib\\x.py", line 3\n' +
      'prepared to /Users/ageron/tensorflow_datasets/mnist/3.0.1. Done\n' +
      '\u001b[0;32m/home/pbrakel/theano/x.py\u001b[0m in f()\n' +
      '<td>/Users/jane/a.csv</td><td>/home/bob</td>';
    expect(homePathsIn(text).map((p) => [text.slice(p.start, p.end), p.user])).toEqual([
      ['/Users/ageron/envs/x.py:12', 'ageron'],
      ['/home/jake/projects', 'jake'],
      ['C:\\Users\\Jane Doe\\lib\\x.py', 'Jane Doe'],
      ['/Users/ageron/tensorflow_datasets/mnist/3.0.1', 'ageron'],
      ['/home/pbrakel/theano/x.py', 'pbrakel'],
      ['/Users/jane/a.csv', 'jane'],
      ['/home/bob', 'bob'],
    ]);
  });
});
