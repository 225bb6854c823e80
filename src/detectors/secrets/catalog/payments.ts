import type { SecretRuleSpec } from '../types';
import { token } from './build';

/** Payments and commerce. */
export const PAYMENT_RULES: readonly SecretRuleSpec[] = [
  token('stripe-secret-key', 'Stripe live secret key', 'payments', ['sk_live_'], 'sk_live_[A-Za-z0-9]{24,247}'),
  token('stripe-restricted-key', 'Stripe live restricted key', 'payments', ['rk_live_'], 'rk_live_[A-Za-z0-9]{24,247}'),
  // Test-mode keys reach no money, but they still belong to an account: a warning.
  token('stripe-test-key', 'Stripe test-mode secret key', 'payments', ['sk_test_', 'rk_test_'], '[sr]k_test_[A-Za-z0-9]{24,247}', { severity: 'warning', anchored: true }),
  token('stripe-webhook-secret', 'Stripe webhook signing secret', 'payments', ['whsec_'], 'whsec_[A-Za-z0-9+/]{32,88}={0,2}', { end: '(?![A-Za-z0-9_+/=-])' }),
  token('square-access-token', 'Square access token', 'payments', ['sq0atp-', 'eaaa'], '(?:sq0atp-[A-Za-z0-9_-]{22}|EAAA[A-Za-z0-9_+=-]{60})', {
    end: '(?![A-Za-z0-9_+=-])',
    anchored: true,
  }),
  token('square-oauth-secret', 'Square OAuth secret', 'payments', ['sq0csp-'], 'sq0csp-[A-Za-z0-9_-]{43}'),
  token('braintree-access-token', 'Braintree / PayPal access token', 'payments', ['access_token$production$'], String.raw`access_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32}`),
  token('shopify-access-token', 'Shopify access token', 'payments', ['shpat_'], 'shpat_[a-fA-F0-9]{32}'),
  token('shopify-custom-app-token', 'Shopify custom app access token', 'payments', ['shpca_'], 'shpca_[a-fA-F0-9]{32}'),
  token('shopify-private-app-token', 'Shopify private app access token', 'payments', ['shppa_'], 'shppa_[a-fA-F0-9]{32}'),
  token('shopify-shared-secret', 'Shopify shared secret', 'payments', ['shpss_'], 'shpss_[a-fA-F0-9]{32}'),
  token('easypost-api-key', 'EasyPost production API key', 'payments', ['ezak'], 'EZAK[A-Za-z0-9]{54}', { minEntropy: 4 }),
  token('shippo-api-token', 'Shippo live API token', 'payments', ['shippo_live_'], 'shippo_live_[a-f0-9]{40}'),
];
