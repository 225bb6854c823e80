import type { SecretRuleSpec } from '../types';
import { AI_RULES } from './ai';
import { AZURE_IDENTIFIABLE_RULES } from './azure-identifiable';
import { CLOUD_RULES } from './cloud';
import { CODE_HOSTING_RULES } from './code-hosting';
import { CONTEXT_RULES } from './context';
import { DEVOPS_RULES } from './devops';
import { GENERIC_RULES } from './generic';
import { IDENTITY_RULES } from './identity';
import { KEY_RULES } from './keys';
import { MESSAGING_RULES } from './messaging';
import { PAYMENT_RULES } from './payments';
import { SAAS_RULES } from './saas';
import { URL_RULES } from './urls';
import { WEBHOOK_RULES } from './webhooks';

/**
 * Every built-in secret rule, in the order they run: where two rules match the same characters,
 * the earlier (more specific) one reports. Provider formats first, key material next, URLs with
 * passwords, credentials known by their context (headers, `.npmrc`, `curl -u`), and the generic assignment rules last.
 */
export const CATALOG: readonly SecretRuleSpec[] = [
  ...CLOUD_RULES,
  ...AZURE_IDENTIFIABLE_RULES,
  ...CODE_HOSTING_RULES,
  ...DEVOPS_RULES,
  ...AI_RULES,
  ...PAYMENT_RULES,
  ...MESSAGING_RULES,
  ...WEBHOOK_RULES,
  ...SAAS_RULES,
  ...IDENTITY_RULES,
  ...KEY_RULES,
  ...URL_RULES,
  ...CONTEXT_RULES,
  ...GENERIC_RULES,
];
