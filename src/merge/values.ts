import { isObject, type JsonObject, type JsonPath, type JsonValue } from '../notebook/json';

/** A JSON value, or undefined for a member that is absent. */
export type Maybe = JsonValue | undefined;

/** Structural equality of two JSON values (object key order ignored, as JSON does). */
export function jsonEqual(a: Maybe, b: Maybe): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.prototype.hasOwnProperty.call(b, key) || !jsonEqual(a[key], b[key])) return false;
  return true;
}

/**
 * Three-way merge of a JSON value: a side's change wins over no change, equal changes agree,
 * objects merge key by key (recursively), and anything else changed differently on both sides
 * keeps ours, its path added to `kept`. Returns undefined when the member ends up absent.
 */
export function mergeValue(base: Maybe, ours: Maybe, theirs: Maybe, path: JsonPath, kept: JsonPath[]): Maybe {
  if (jsonEqual(ours, theirs)) return ours;
  if (jsonEqual(base, ours)) return theirs;
  if (jsonEqual(base, theirs)) return ours;
  if (isObject(ours) && isObject(theirs)) return mergeObject(isObject(base) ? base : {}, ours, theirs, path, kept);
  kept.push(path);
  return ours;
}

/** Key-by-key merge; keys in ours' order, then the keys only theirs has, in theirs' order. */
export function mergeObject(base: JsonObject, ours: JsonObject, theirs: JsonObject, path: JsonPath, kept: JsonPath[]): JsonObject {
  const merged: JsonObject = {};
  const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
  for (const key of keys) {
    const value = mergeValue(own(base, key), own(ours, key), own(theirs, key), [...path, key], kept);
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

export function own(object: JsonObject, key: string): Maybe {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}
