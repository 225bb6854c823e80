/**
 * What was derived from the object at hand (a notebook's text segments, its Python analysis),
 * kept for that one object: the rules ask for it in turn, then the next notebook comes.
 *
 * Not a module-level WeakMap: V8 keeps the values of a long-lived WeakMap alive through every
 * young-generation collection until the next full one, so each notebook ever read (its text, its
 * JSON, its model, all referred to by the cached value) was copied into the old generation. A
 * history scan of 5,000 blobs promoted ~370 MB so, and spent a fifth of its time collecting it.
 */
export class LastValue<K extends object, V> {
  private key: K | undefined;
  private value: V | undefined;

  get(key: K, make: (key: K) => V): V {
    if (this.key !== key) {
      // Forget the old one first: `make` may throw, and must not leave it answering for `key`.
      this.key = undefined;
      this.value = make(key);
      this.key = key;
    }
    return this.value as V;
  }
}
