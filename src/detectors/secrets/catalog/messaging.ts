import type { SecretRuleSpec } from '../types';
import { discordBotId } from '../validators';
import { assigned, mixedRandom, preceded, rx, token } from './build';

/** Chat, e-mail and notification services. */
export const MESSAGING_RULES: readonly SecretRuleSpec[] = [
  // Bot tokens: team and bot ids, then 24 random characters (longer on newer workspaces).
  token('slack-bot-token', 'Slack bot token', 'messaging', ['xoxb-'], 'xoxb-[0-9]{8,13}-[0-9]{8,13}-[A-Za-z0-9]{24,64}'),
  token('slack-user-token', 'Slack user token', 'messaging', ['xoxp-'], 'xoxp-[0-9]{8,13}-[0-9]{8,13}-[0-9]{8,13}-[a-f0-9]{32,64}'),
  // Browser session tokens (`xoxc`) and the `d` cookie (`xoxd`, URL-encoded base64).
  token('slack-session-token', 'Slack browser session token', 'messaging', ['xoxc-'], 'xoxc-[0-9]{8,13}-[0-9]{8,13}-[0-9]{8,13}-[a-f0-9]{64}'),
  token('slack-session-cookie', 'Slack session cookie (d)', 'messaging', ['xoxd-'], 'xoxd-[A-Za-z0-9%_-]{60,400}', { end: '(?![A-Za-z0-9%_-])', minEntropy: 4 }),
  token('slack-app-token', 'Slack app-level token', 'messaging', ['xapp-'], 'xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[a-f0-9]{64}'),
  token('slack-config-token', 'Slack configuration token', 'messaging', ['xoxe'], String.raw`xoxe(?:\.xox[bp])?-[0-9]-[A-Za-z0-9]{100,300}`),
  token('slack-legacy-token', 'Slack legacy token', 'messaging', ['xoxa-', 'xoxo-', 'xoxr-', 'xoxs-'], 'xox[aors]-(?:[0-9]{1,13}-){1,3}[A-Za-z0-9]{16,64}', { anchored: true }),
  {
    id: 'slack-webhook-url',
    description: 'Slack incoming webhook URL',
    category: 'messaging',
    kind: 'token',
    keywords: ['hooks.slack.com'],
    anchored: true,
    pattern: rx(
      String.raw`(?<secret>hooks\.slack\.com/(?:services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}|(?:workflows|triggers)/T[A-Z0-9]{8,12}/[A-Za-z0-9]{8,12}/[0-9]{8,20}/[A-Za-z0-9]{24,40}))(?![A-Za-z0-9])`,
    ),
    minEntropy: 3,
  },
  {
    id: 'discord-bot-token',
    description: 'Discord bot token',
    category: 'messaging',
    kind: 'token',
    keywords: ['discord', 'bot.run', 'client.run'],
    contextOnly: true,
    pattern: rx(String.raw`(?<![A-Za-z0-9_-])(?<secret>[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40})(?![A-Za-z0-9_-])`),
    minEntropy: 4,
    validators: [discordBotId],
  },
  token('discord-webhook-url', 'Discord webhook URL', 'messaging', ['discord'], String.raw`https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}`),
  {
    id: 'telegram-bot-token',
    description: 'Telegram bot token',
    category: 'messaging',
    kind: 'token',
    keywords: [':aa'],
    pattern: rx('(?<![0-9A-Za-z_:])(?<secret>[0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])'),
    minEntropy: 3.5,
  },
  token('twilio-api-key', 'Twilio API key', 'messaging', ['sk'], 'SK[0-9a-f]{32}', { end: '(?![A-Za-z0-9])' }),
  assigned('twilio-auth-token', 'Twilio auth token', 'messaging', ['twilio'], 'twilio', '[a-f0-9]{32}'),
  token('sendgrid-api-key', 'SendGrid API key', 'messaging', ['sg.'], String.raw`SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`, { minEntropy: 4 }),
  token('mailgun-api-key', 'Mailgun API key', 'messaging', ['key-'], 'key-[0-9a-f]{32}', { end: '(?![A-Za-z0-9])' }),
  {
    id: 'mailchimp-api-key',
    description: 'Mailchimp API key',
    category: 'messaging',
    kind: 'token',
    keywords: ['-us'],
    pattern: rx('(?<![A-Za-z0-9])(?<secret>[0-9a-f]{32}-us[0-9]{1,2})(?![A-Za-z0-9])'),
    minEntropy: 3,
  },
  token('brevo-smtp-key', 'Brevo (Sendinblue) SMTP key', 'messaging', ['xsmtpsib-'], 'xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16}'),
  token('mandrill-api-key', 'Mandrill (Mailchimp Transactional) API key', 'messaging', ['md-'], 'md-[A-Za-z0-9_-]{22}', { minEntropy: 3.8, validators: [mixedRandom] }),
  token('mailersend-api-token', 'MailerSend API token', 'messaging', ['mlsn.'], String.raw`mlsn\.[a-f0-9]{64}`),
  token('resend-api-key', 'Resend API key', 'messaging', ['re_'], 're_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}', { validators: [mixedRandom] }),
  // `KEY` and 32 upper-case hex: the keywords include the first hex digit (`key` alone is everywhere).
  token('telnyx-api-key', 'Telnyx API key', 'messaging', [...'0123456789abcdef'].map((digit) => `key${digit}`), 'KEY[0-9A-F]{32}_[A-Za-z0-9]{22}', {
    end: '(?![A-Za-z0-9])',
    anchored: true,
  }),
  token('pushbullet-token', 'Pushbullet access token', 'messaging', ['o.'], String.raw`o\.[A-Za-z0-9]{32}`, { minEntropy: 4, validators: [mixedRandom] }),
  assigned('mailgun-private-key', 'Mailgun private API key', 'messaging', ['mailgun'], 'mailgun', '[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}'),
  {
    // zuliprc: `[api]` with `email=`, `key=` (32 characters) and `site=`.
    id: 'zulip-api-key',
    description: 'Zulip API key',
    category: 'messaging',
    kind: 'contextual',
    keywords: ['zulip'],
    pattern: rx(String.raw`(?<![A-Za-z0-9])(?:zulip[_.-]?(?:api[_.-]?)?key["']?[ \t]{0,3}[:=][ \t]{0,3}["']?|key=)(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])`, 'i'),
    minEntropy: 3.5,
    validators: [mixedRandom, preceded(/zulip|\[api\]/i, 300)],
  },
  token('brevo-api-key', 'Brevo (Sendinblue) API key', 'messaging', ['xkeysib-'], 'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}'),
];
