import type { SecretRuleSpec } from '../types';
import { assigned, token } from './build';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

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
  token('shippo-test-token', 'Shippo test API token', 'payments', ['shippo_test_'], 'shippo_test_[a-f0-9]{40}', { severity: 'warning' }),
  token('easypost-test-api-key', 'EasyPost test API key', 'payments', ['eztk'], 'EZTK[A-Za-z0-9]{54}', { minEntropy: 4, severity: 'warning' }),
  // Plaid access tokens name their environment; sandbox ones reach no bank account.
  token('plaid-access-token', 'Plaid access token', 'payments', ['access-production-', 'access-development-'], `access-(?:production|development)-${UUID}`, { anchored: true }),
  token('plaid-sandbox-token', 'Plaid sandbox access token', 'payments', ['access-sandbox-'], `access-sandbox-${UUID}`, { severity: 'warning' }),
  assigned('plaid-secret', 'Plaid API secret', 'payments', ['plaid'], String.raw`plaid[_.-]?(?:[a-z]{0,12}[_.-]?)?secret`, '[a-f0-9]{30}'),
  token('ramp-api-credential', 'Ramp API client secret / token', 'payments', ['ramp_sec_', 'ramp_tok_'], 'ramp_(?:sec|tok)_[A-Za-z0-9]{24,80}', {
    anchored: true,
    minEntropy: 4,
  }),
  assigned('ramp-client-secret', 'Ramp API client secret', 'payments', ['ramp'], String.raw`ramp[_.-]?client[_.-]?secret`, '[A-Za-z0-9_]{30,100}', { minEntropy: 4 }),
  token('flutterwave-secret-key', 'Flutterwave secret key', 'payments', ['flwseck'], 'FLWSECK(?:_TEST)?-[a-f0-9]{32}-X', { anchored: true }),
  token('flutterwave-encryption-key', 'Flutterwave encryption key', 'payments', ['flwseck_test'], 'FLWSECK_TEST[a-f0-9]{12}'),
  token('woocommerce-secret', 'WooCommerce REST API consumer secret', 'payments', ['cs_', 'ck_'], 'c[sk]_[a-f0-9]{40}', { anchored: true }),
  token('mercury-api-token', 'Mercury API token', 'payments', ['secret-token:mercury_'], String.raw`secret-token:mercury_(?:production|sandbox)_[a-z]{3}_[A-Za-z0-9]{20,80}_yrucrem`),
  token('duffel-token', 'Duffel access token', 'payments', ['duffel_live_', 'duffel_test_'], 'duffel_(?:live|test)_[A-Za-z0-9_-]{43}', { anchored: true }),
  token('adyen-api-key', 'Adyen API key', 'payments', ['aqe'], String.raw`AQE[A-Za-z]hmf[A-Za-z0-9+/=._-]{80,300}`, { end: '(?![A-Za-z0-9+/=._-])', minEntropy: 4.5 }),
  assigned('alpaca-secret-key', 'Alpaca trading API secret key', 'payments', ['alpaca', 'apca'], String.raw`(?:alpaca|apca)[_.-]?(?:api[_.-]?)?secret`, '[A-Za-z0-9]{40}', { minEntropy: 4 }),
  assigned('binance-api-secret', 'Binance API key / secret', 'payments', ['binance'], 'binance', '[A-Za-z0-9]{64}', { minEntropy: 4 }),
  assigned('etherscan-api-key', 'Etherscan API key', 'payments', ['etherscan'], 'etherscan', '[A-Z0-9]{34}', { minEntropy: 3.5 }),
  assigned('infura-api-key', 'Infura API key / secret', 'payments', ['infura'], 'infura', '[a-f0-9]{32}'),
  assigned('alchemy-api-key', 'Alchemy API key', 'payments', ['alchemy'], 'alchemy', '[A-Za-z0-9_-]{32}', { minEntropy: 4 }),
  assigned('finnhub-api-key', 'Finnhub API key', 'payments', ['finnhub'], 'finnhub', '[a-z0-9]{20}', { minEntropy: 3.5 }),
  assigned('tiingo-api-key', 'Tiingo API key', 'payments', ['tiingo'], 'tiingo', '[a-f0-9]{40}'),
  assigned('newsapi-key', 'NewsAPI key', 'payments', ['newsapi', 'news_api', 'news-api'], String.raw`news[_.-]?api`, '[a-f0-9]{32}'),
  token('shopify-partner-token', 'Shopify Partner API token', 'payments', ['prtapi_'], 'prtapi_[a-fA-F0-9]{32}'),
];
