import { CATALOG, compileRule } from '../../src/detectors/secrets';
import { leadingLiteral } from '../../src/detectors/secrets/catalog/build';
import { regexShape } from '../../src/detectors/secrets/safety';
import { FAKES } from './fakes';
import { Rng } from './random';

describe('secret rule catalog', () => {
  it('holds at least 80 rules with unique kebab-case ids and descriptions', () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(80);
    const ids = CATALOG.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of CATALOG) {
      expect(rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(rule.description.length).toBeGreaterThan(3);
    }
  });

  it('covers the families the issue names', () => {
    const ids = new Set(CATALOG.map((rule) => rule.id));
    for (const id of [
      'aws-access-key-id', 'aws-secret-access-key-paired', 'gcp-service-account-key', 'gcp-api-key', 'azure-storage-account-key', 'digitalocean-pat',
      'github-pat', 'github-fine-grained-pat', 'gitlab-pat', 'bitbucket-app-password', 'openai-api-key', 'anthropic-api-key', 'huggingface-token',
      'cohere-api-key', 'slack-bot-token', 'slack-webhook-url', 'stripe-secret-key', 'twilio-api-key', 'sendgrid-api-key', 'mailgun-api-key',
      'shopify-access-token', 'databricks-token', 'telegram-bot-token', 'discord-bot-token', 'notion-token', 'vault-service-token', 'npm-token',
      'pypi-token', 'private-key-rsa', 'private-key-ec', 'private-key-openssh', 'private-key-pgp', 'jwt', 'postgres-url-password',
      'mysql-url-password', 'mongodb-url-password', 'redis-url-password', 'amqp-url-password', 'url-basic-auth', 'generic-password',
      'generic-secret', 'authorization-bearer',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it("covers the formats issue 22 names, and 300 rules in all", () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(300);
    const ids = new Set(CATALOG.map((rule) => rule.id));
    for (const id of [
      'microsoft-teams-webhook-url', 'tines-webhook-url', 'airtable-pat', 'airtable-oauth-token', 'bitbucket-data-center-token', 'atlassian-api-token',
      'azure-apim-subscription-key', 'plaid-access-token', 'ramp-api-credential', 'onelogin-client-secret', 'zulip-api-key', 'scalr-token',
      'vault-legacy-token', 'facebook-app-token', 'onepassword-secret-key', 'onepassword-service-account-token', 'vercel-token',
      'cloudflare-scannable-token', 'anthropic-api-key', 'sentry-org-token', 'slack-legacy-token', 'slack-config-token', 'slack-bot-token',
      'shopify-access-token', 'sourcegraph-token', 'npmrc-auth-token', 'uuid-api-key', 'authorization-header', 'api-key-header', 'command-line-password',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('has lower-case keywords for every rule (the prefilter)', () => {
    for (const rule of CATALOG) {
      expect(rule.keywords.length).toBeGreaterThan(0);
      for (const keyword of rule.keywords) expect(keyword).toBe(keyword.toLowerCase());
    }
  });

  it('writes every pattern with bounded repetition and no nested repetition', () => {
    for (const rule of CATALOG) {
      const shape = regexShape(rule.pattern.source);
      expect({ id: rule.id, unbounded: shape.hasUnbounded, nested: shape.nestedRepetition }).toEqual({ id: rule.id, unbounded: false, nested: undefined });
    }
  });

  it('has a fake generator for every rule, and no generator without a rule', () => {
    expect(Object.keys(FAKES).sort()).toEqual(CATALOG.map((rule) => rule.id).sort());
  });

  it("finds a keyword of the rule in every fake's text (the prefilter never hides a match)", () => {
    const rng = new Rng(11);
    for (const rule of CATALOG) {
      for (let n = 0; n < 5; n++) {
        const fake = FAKES[rule.id]!(rng);
        for (const text of [fake.code, fake.printed, fake.repr]) {
          expect({ id: rule.id, has: rule.keywords.some((k) => text.toLowerCase().includes(k)) }).toEqual({ id: rule.id, has: true });
        }
      }
    }
  });

  it('starts every match of an anchored rule where one of its keywords starts', () => {
    const rng = new Rng(12);
    for (const rule of CATALOG.filter((r) => r.anchored)) {
      const regex = compileRule(rule).regex;
      for (let n = 0; n < 5; n++) {
        const fake = FAKES[rule.id]!(rng);
        for (const text of [fake.code, fake.printed, fake.repr]) {
          regex.lastIndex = 0;
          for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
            const at = text.slice(match.index).toLowerCase();
            expect({ id: rule.id, text: at.slice(0, 20), atKeyword: rule.keywords.some((k) => at.startsWith(k)) }).toEqual({ id: rule.id, text: at.slice(0, 20), atKeyword: true });
          }
        }
      }
    }
  });

  it('reads the literal start of a pattern, stopping at operators and quantified characters', () => {
    expect(leadingLiteral('ghp_[A-Za-z0-9]{36}')).toBe('ghp_');
    expect(leadingLiteral(String.raw`dp\.(?:pt|st)\.`)).toBe('dp.');
    expect(leadingLiteral('ab?c')).toBe('a');
    expect(leadingLiteral('(?:a|b)')).toBe('');
    expect(leadingLiteral(String.raw`\d{3}`)).toBe('');
  });
});
