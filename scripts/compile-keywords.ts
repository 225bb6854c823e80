/**
 * Build step: builds the built-in secret catalog's keyword automaton into
 * dist/src/detectors/secrets/catalog-keywords.bin, so a run loads it instead of building it
 * (5–9 ms of a cold hook run). The file carries the fingerprint of the keywords it was built
 * from; a stale or missing file only means the automaton is built at run time.
 */
import { writeFileSync } from 'node:fs';
import { CATALOG, compileRule, keywordInputs } from '../src/detectors/secrets';
import { buildKeywordIndex, CATALOG_KEYWORDS_FILE, encodeKeywordTables, keywordFingerprint } from '../src/detectors/secrets/keyword-tables';

const inputs = keywordInputs(CATALOG.map(compileRule));
writeFileSync(CATALOG_KEYWORDS_FILE, encodeKeywordTables(buildKeywordIndex(inputs).tables, keywordFingerprint(inputs)));
