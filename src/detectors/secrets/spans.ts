/**
 * A set of character spans `[start, end)` kept as a sorted union of disjoint spans, with
 * logarithmic overlap queries: a text with thousands of matches stays linear to scan.
 */
export class SpanSet {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Builds a set from spans sorted by start and disjoint (as data URI payloads are). */
  static fromSorted(spans: readonly (readonly [number, number])[]): SpanSet {
    const set = new SpanSet();
    for (const [start, end] of spans) set.add(start, end);
    return set;
  }

  get size(): number {
    return this.starts.length;
  }

  /** Whether any span overlaps `[start, end)`. */
  overlaps(start: number, end: number): boolean {
    const i = this.firstEndingAfter(start);
    return i < this.starts.length && this.starts[i]! < end;
  }

  /** Adds `[start, end)`, merging it with the spans it overlaps or touches. */
  add(start: number, end: number): void {
    const i = this.firstEndingAfter(start - 1);
    let from = start;
    let to = end;
    let count = 0;
    while (i + count < this.starts.length && this.starts[i + count]! <= end) {
      from = Math.min(from, this.starts[i + count]!);
      to = Math.max(to, this.ends[i + count]!);
      count++;
    }
    if (i === this.starts.length && count === 0) {
      this.starts.push(from);
      this.ends.push(to);
      return;
    }
    this.starts.splice(i, count, from);
    this.ends.splice(i, count, to);
  }

  /** Index of the first span whose end is greater than `position`. */
  private firstEndingAfter(position: number): number {
    let low = 0;
    let high = this.ends.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.ends[mid]! > position) high = mid;
      else low = mid + 1;
    }
    return low;
  }
}

/** Sorted start positions of one rule's matches, for "is there one within N characters" queries. */
export function hasWithin(sortedStarts: readonly number[], sortedEnds: readonly number[], start: number, end: number, within: number): boolean {
  // First match ending at or after start - within; it is near if it starts by end + within.
  let low = 0;
  let high = sortedEnds.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sortedEnds[mid]! >= start - within) high = mid;
    else low = mid + 1;
  }
  return low < sortedStarts.length && sortedStarts[low]! <= end + within;
}
