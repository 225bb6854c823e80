import type { CountryCode } from 'libphonenumber-js';
import { lazy } from '../../util/lazy';
import type * as LibphonenumberJsMaxModule from 'libphonenumber-js/max';

const libphonenumberJsMaxModule = lazy((): typeof LibphonenumberJsMaxModule => require('libphonenumber-js/max'));

type Validator = (text: string, defaultCountry?: CountryCode) => boolean;

let validator: Validator | undefined;

/**
 * libphonenumber-js with its `max` metadata, required on the first phone candidate only: loading
 * it costs ≈ 25 ms, about a tenth of reading the whole test corpus, so notebooks without a
 * phone-shaped number never pay for it. `max` rather than the default `min`: the same load time
 * (the metadata is ≈ 3 ms of it) and it rejects ≈ 40 % fewer random international numbers.
 */
function load(): Validator {
  validator ??= libphonenumberJsMaxModule().isValidPhoneNumber;
  return validator;
}

/** Whether the library has been loaded (for tests and benchmarks of laziness). */
export function phoneLibraryLoaded(): boolean {
  return validator !== undefined;
}

/**
 * Whether `candidate` is a valid phone number: written internationally (`+…`), or in the national
 * format of one of `regions` (ISO 3166 alpha-2 codes such as `US`, `GB`).
 */
export function validPhone(candidate: string, regions: readonly string[]): boolean {
  const isValid = load();
  if (candidate.startsWith('+')) return safe(() => isValid(candidate));
  return regions.some((region) => safe(() => isValid(candidate, region.toUpperCase() as CountryCode)));
}

function safe(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false; // unknown region code in the user's options, or text the parser refuses
  }
}
