import type { SecretRuleSpec } from '../types';
import { rx, token } from './build';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * Incoming-webhook URLs: whoever has the URL can post as the integration, so the URL is the
 * credential. Reported from the host on (the scheme is often cut off in logs).
 */
export const WEBHOOK_RULES: readonly SecretRuleSpec[] = [
  // Microsoft Teams (Office 365 connectors): /webhookb2/<group>@<tenant>/IncomingWebhook/<id>/<owner>[/<signature>]
  token(
    'microsoft-teams-webhook-url',
    'Microsoft Teams incoming webhook URL',
    'messaging',
    ['webhook.office.com', 'outlook.office.com/webhook'],
    String.raw`(?:[a-z0-9-]{1,63}\.)?(?:webhook\.office\.com/webhookb2|outlook\.office\.com/webhook)/${UUID}@${UUID}/IncomingWebhook/[a-f0-9]{32}/${UUID}(?:/[A-Za-z0-9_-]{20,100})?`,
    { flags: 'i', anchored: false },
  ),
  {
    // Teams / Power Automate workflow (Logic Apps) triggers: the `sig` query parameter signs the call.
    id: 'azure-logic-app-webhook-sig',
    description: 'Azure Logic Apps / Power Automate workflow trigger URL signature',
    category: 'messaging',
    kind: 'token',
    keywords: ['logic.azure.com', 'powerplatform.com'],
    pattern: rx(
      String.raw`(?:logic\.azure\.com|api\.powerplatform\.com)(?::443)?/[A-Za-z0-9/._-]{0,120}workflows/[A-Za-z0-9]{32}/triggers/[A-Za-z0-9_]{1,40}/paths/invoke[?&][A-Za-z0-9%=&._-]{0,300}?sig=(?<secret>[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`,
    ),
    minEntropy: 3.5,
  },
  token('tines-webhook-url', 'Tines webhook URL', 'messaging', ['tines.com/webhook/', 'tines.io/webhook/'], String.raw`tines\.(?:com|io)/webhook/[a-f0-9]{32}/[a-f0-9]{32}`, {
    anchored: true,
  }),
  {
    id: 'google-chat-webhook-url',
    description: 'Google Chat incoming webhook token',
    category: 'messaging',
    kind: 'token',
    keywords: ['chat.googleapis.com/v1/spaces/'],
    anchored: true,
    pattern: rx(String.raw`chat\.googleapis\.com/v1/spaces/[A-Za-z0-9_-]{6,20}/messages\?key=[A-Za-z0-9_-]{39}&token=(?<secret>[A-Za-z0-9_-]{40,50}(?:%3D|=){0,2})(?![A-Za-z0-9_%=-])`),
    minEntropy: 3.5,
  },
  token('zapier-webhook-url', 'Zapier catch hook URL', 'messaging', ['hooks.zapier.com/hooks/catch/'], String.raw`hooks\.zapier\.com/hooks/catch/[0-9]{4,12}/[a-z0-9]{5,12}`, {
    end: '(?![A-Za-z0-9_-])',
  }),
  {
    id: 'ifttt-webhook-key',
    description: 'IFTTT Webhooks key',
    category: 'messaging',
    kind: 'token',
    keywords: ['maker.ifttt.com/'],
    anchored: true,
    pattern: rx(String.raw`maker\.ifttt\.com/(?:trigger/[^/\s'"]{1,80}/(?:json/)?with/key|use)/(?<secret>[A-Za-z0-9_-]{22,43})(?![A-Za-z0-9_-])`),
    minEntropy: 3.5,
  },
  token('dingtalk-webhook-token', 'DingTalk robot webhook', 'messaging', ['oapi.dingtalk.com/robot/send?access_token='], String.raw`oapi\.dingtalk\.com/robot/send\?access_token=[a-f0-9]{64}`),
  token('feishu-webhook-url', 'Feishu / Lark bot webhook URL', 'messaging', ['open.feishu.cn/open-apis/bot/', 'open.larksuite.com/open-apis/bot/'], String.raw`open\.(?:feishu\.cn|larksuite\.com)/open-apis/bot/v2/hook/${UUID}`, {
    anchored: true,
  }),
  token('wecom-webhook-url', 'WeCom (WeChat Work) robot webhook URL', 'messaging', ['qyapi.weixin.qq.com/cgi-bin/webhook/send?key='], String.raw`qyapi\.weixin\.qq\.com/cgi-bin/webhook/send\?key=${UUID}`),
  token('loggly-token-url', 'Loggly customer token URL', 'messaging', ['loggly.com/inputs/', 'loggly.com/bulk/'], String.raw`loggly\.com/(?:inputs|bulk)/${UUID}`, { anchored: true }),
  token('sumologic-collector-url', 'Sumo Logic HTTP source URL', 'messaging', ['sumologic.com/receiver/v1/'], String.raw`sumologic\.com/receiver/v1/(?:http|otlp)/[A-Za-z0-9+/=_-]{60,200}`, {
    end: '(?![A-Za-z0-9+/=_-])',
    minEntropy: 4,
  }),
  token('make-webhook-url', 'Make (Integromat) webhook URL', 'messaging', ['.make.com/', 'integromat.com/'], String.raw`hook\.(?:(?:eu|us)[0-9]\.make\.com|integromat\.com)/[a-z0-9]{32}`, {
    minEntropy: 3.5,
  }),
];
