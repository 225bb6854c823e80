/**
 * A module loaded on its first use instead of at start-up: how nbguard keeps `--version`, the
 * hook and a cached `check` from loading what they do not run. The module stays visible to
 * readers and to tsc as an `import type` among the file's imports; the one `require` is next to
 * it, at the top of the file:
 *
 *     import type * as GitleaksModule from '../detectors/secrets/gitleaks';
 *     const gitleaksModule = lazy((): typeof GitleaksModule => require('../detectors/secrets/gitleaks'));
 *     …
 *     gitleaksModule().compileGitleaksConfig(text, file);
 *
 * (`tests/lazy.test.ts` checks that every such `require` names the module its type comes from.)
 */
export function lazy<T>(load: () => T): () => T {
  let loaded: { readonly module: T } | undefined;
  return () => (loaded ??= { module: load() }).module;
}
