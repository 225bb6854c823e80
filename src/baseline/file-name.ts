/** The baseline's file name, found from the run's folder up to the repository's top level. */
export const BASELINE_FILE = '.nbguard-baseline.json';
