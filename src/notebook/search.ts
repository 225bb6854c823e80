/**
 * Binary search: the first index in [0, count) for which `isAfter` holds, or `count` if none.
 * `isAfter` must be false for a prefix of the indexes and true for the rest.
 */
export function firstIndexWhere(count: number, isAfter: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isAfter(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}
