/**
 * How many items all the lists share at their start, and then at their end. What lies there is
 * the same in every version, so only the middle needs aligning: node-diff3's LCS is quadratic in
 * the worst case, and a notebook can have 100,000 cells, of which a merge usually touches a few.
 */
export function commonEnds(lists: readonly (readonly string[])[]): [head: number, tail: number] {
  const shortest = Math.min(...lists.map((list) => list.length));
  const same = (at: (list: readonly string[]) => string | undefined): boolean => lists.every((list) => at(list) === at(lists[0]!));
  let head = 0;
  while (head < shortest && same((list) => list[head])) head++;
  let tail = 0;
  while (tail < shortest - head && same((list) => list[list.length - 1 - tail])) tail++;
  return [head, tail];
}
