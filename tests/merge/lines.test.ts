import { deletedOnOneSide, mergeText } from '../../src/merge/lines';

describe('mergeText (three-way merge of a cell source)', () => {
  it('takes changes to different lines from both sides', () => {
    expect(mergeText('a\nb\nc\nd\n', 'A\nb\nc\nd\n', 'a\nb\nc\nD\n')).toEqual({ text: 'A\nb\nc\nD\n', conflicts: 0 });
  });

  it('takes the same change made on both sides once', () => {
    expect(mergeText('a\nb', 'a\nB', 'a\nB')).toEqual({ text: 'a\nB', conflicts: 0 });
  });

  it('wraps overlapping changes in a git-style block, without a line break Jupyter would not write', () => {
    expect(mergeText('x = 1', 'x = 2', 'x = 3')).toEqual({ text: '<<<<<<< ours\nx = 2\n=======\nx = 3\n>>>>>>> theirs', conflicts: 1 });
    expect(mergeText('x = 1\n', 'x = 2\n', 'x = 3\n')).toEqual({ text: '<<<<<<< ours\nx = 2\n=======\nx = 3\n>>>>>>> theirs\n', conflicts: 1 });
    expect(mergeText('a\nx\nb\ny\nc', 'a\nX\nb\nY\nc', 'a\nx2\nb\ny2\nc').conflicts).toBe(2);
  });

  it('marks a source kept against a deletion, saying which side deleted it', () => {
    expect(deletedOnOneSide('kept()', 'ours')).toBe('<<<<<<< ours\nkept()\n=======\n>>>>>>> theirs (theirs deleted this cell)');
    expect(deletedOnOneSide('kept()\n', 'theirs')).toBe('<<<<<<< ours (ours deleted this cell)\n=======\nkept()\n>>>>>>> theirs\n');
  });
});
