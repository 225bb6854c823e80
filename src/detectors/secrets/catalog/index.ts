import type { SecretRuleSpec } from '../types';
import { AI_RULES } from './ai';
import { CLOUD_RULES } from './cloud';
import { CODE_HOSTING_RULES } from './code-hosting';
import { GENERIC_RULES } from './generic';
import { KEY_RULES } from './keys';
import { MESSAGING_RULES } from './messaging';
import { PAYMENT_RULES } from './payments';
import { SAAS_RULES } from './saas';
import { URL_RULES } from './urls';

/**
 * Every built-in secret rule, in the order they run: where two rules match the same characters,
 * the earlier (more specific) one reports. Provider formats first, key material next, URLs with
 * passwords, and the generic assignment rules last.
 */
export const CATALOG: readonly SecretRuleSpec[] = [
  ...CLOUD_RULES,
  ...CODE_HOSTING_RULES,
  ...AI_RULES,
  ...PAYMENT_RULES,
  ...MESSAGING_RULES,
  ...SAAS_RULES,
  ...KEY_RULES,
  ...URL_RULES,
  ...GENERIC_RULES,
];
