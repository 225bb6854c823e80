import { characterClasses } from '../entropy';
import type { SecretRuleSpec, Validator } from '../types';
import { embeddedJson } from '../validators';
import { assigned, mixedRandom, rx, token } from './build';

/** Random letters use both cases; identifiers that happen to have the length do not. */
const mixedCase: Validator = (candidate) => characterClasses(candidate.secret.slice(candidate.secret.lastIndexOf('_') + 1)) >= 2;

/** AI and machine-learning platforms: the keys most likely to end up in a notebook. */
export const AI_RULES: readonly SecretRuleSpec[] = [
  // OpenAI keys carry `T3BlbkFJ` (base64 of "OpenAI") between two random parts.
  {
    id: 'openai-api-key',
    description: 'OpenAI API key',
    category: 'ai',
    kind: 'token',
    keywords: ['t3blbkfj'], // the marker is mid-token: the pattern runs over texts that hold it
    pattern: rx('(?<![A-Za-z0-9_-])(?<secret>sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200})(?![A-Za-z0-9_-])'),
    minEntropy: 4,
  },
  token('openai-project-key', 'OpenAI project / service account key', 'ai', ['sk-proj-', 'sk-svcacct-', 'sk-admin-'], 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{80,250}', {
    minEntropy: 4.5,
    anchored: true,
  }),
  // Anthropic keys carry a revision number (`api03`, `api04`, …) and end in `AA`.
  token('anthropic-api-key', 'Anthropic API key', 'ai', ['sk-ant-api'], 'sk-ant-api[0-9]{2}-[A-Za-z0-9_-]{80,120}AA'),
  token('anthropic-admin-key', 'Anthropic admin key', 'ai', ['sk-ant-admin'], 'sk-ant-admin[0-9]{2}-[A-Za-z0-9_-]{80,120}AA'),
  token('anthropic-oauth-token', 'Anthropic OAuth access / refresh token', 'ai', ['sk-ant-oat', 'sk-ant-ort'], 'sk-ant-o[ar]t[0-9]{2}-[A-Za-z0-9_-]{80,120}AA', { anchored: true }),
  token('nvidia-api-key', 'NVIDIA API catalog / NGC key', 'ai', ['nvapi-'], 'nvapi-[A-Za-z0-9_-]{64}', { minEntropy: 4 }),
  token('langfuse-secret-key', 'Langfuse secret key', 'ai', ['sk-lf-'], 'sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'),
  token('tavily-api-key', 'Tavily API key', 'ai', ['tvly-'], 'tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}', { validators: [mixedRandom] }),
  token('firecrawl-api-key', 'Firecrawl API key', 'ai', ['fc-'], 'fc-[a-f0-9]{32}'),
  token('llamacloud-api-key', 'LlamaCloud API key', 'ai', ['llx-'], 'llx-[A-Za-z0-9]{48}', { validators: [mixedRandom] }),
  token('jina-api-key', 'Jina AI API key', 'ai', ['jina_'], 'jina_[A-Za-z0-9_-]{50,70}', { minEntropy: 4, validators: [mixedRandom] }),
  token('e2b-api-key', 'E2B API key', 'ai', ['e2b_'], 'e2b_[a-f0-9]{40}'),
  assigned('serpapi-key', 'SerpApi API key', 'ai', ['serpapi', 'serp_api', 'serp-api'], String.raw`serp[_.-]?api`, '[a-f0-9]{64}'),
  token('modal-token-secret', 'Modal token secret', 'ai', ['as-'], 'as-[A-Za-z0-9]{22}', { end: '(?![A-Za-z0-9_-])', minEntropy: 3.8, validators: [mixedRandom] }),
  {
    // Neptune.ai API tokens are base64 of `{"api_address": …, "api_url": …, "api_key": …}`.
    id: 'neptune-api-token',
    description: 'Neptune.ai API token',
    category: 'ai',
    kind: 'token',
    keywords: ['eyjhcglfywrkcmvzcyi6'],
    anchored: true,
    pattern: rx('(?<secret>eyJhcGlfYWRkcmVzcyI6[A-Za-z0-9+/_-]{40,600}={0,2})(?![A-Za-z0-9+/_=-])'),
    minEntropy: 4,
    validators: [embeddedJson((secret) => secret, 'api_key')],
  },
  token('huggingface-token', 'Hugging Face access token', 'ai', ['hf_'], 'hf_[A-Za-z]{34}', { end: '(?![A-Za-z0-9_])', minEntropy: 3.5, validators: [mixedCase] }),
  token('huggingface-org-token', 'Hugging Face organization API token', 'ai', ['api_org_'], 'api_org_[A-Za-z]{34}', { end: '(?![A-Za-z0-9_])', minEntropy: 3.5, validators: [mixedCase] }),
  token('groq-api-key', 'Groq API key', 'ai', ['gsk_'], 'gsk_[A-Za-z0-9]{52}'),
  token('replicate-api-token', 'Replicate API token', 'ai', ['r8_'], 'r8_[A-Za-z0-9]{37}'),
  token('perplexity-api-key', 'Perplexity API key', 'ai', ['pplx-'], 'pplx-[A-Za-z0-9]{48}'),
  token('xai-api-key', 'xAI API key', 'ai', ['xai-'], 'xai-[A-Za-z0-9]{80}'),
  token('openrouter-api-key', 'OpenRouter API key', 'ai', ['sk-or-v1-'], 'sk-or-v1-[a-f0-9]{64}'),
  token('langsmith-api-key', 'LangSmith API key', 'ai', ['lsv2_'], 'lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}'),
  token('pinecone-api-key', 'Pinecone API key', 'ai', ['pcsk_'], 'pcsk_[A-Za-z0-9]{4,12}_[A-Za-z0-9]{40,100}'),
  token('elevenlabs-api-key', 'ElevenLabs API key', 'ai', ['sk_'], 'sk_[a-f0-9]{48}'),
  assigned('cohere-api-key', 'Cohere API key', 'ai', ['cohere', 'co_api', 'co-api', 'co.api'], String.raw`cohere|co[_.-]api[_.-]key`, '[A-Za-z0-9]{40}', { minEntropy: 3.5 }),
  assigned('mistral-api-key', 'Mistral AI API key', 'ai', ['mistral'], 'mistral', '[A-Za-z0-9]{32}', { minEntropy: 3.5 }),
  assigned('deepseek-api-key', 'DeepSeek API key', 'ai', ['deepseek'], 'deepseek', 'sk-[a-f0-9]{32}'),
  assigned('wandb-api-key', 'Weights & Biases API key', 'ai', ['wandb'], 'wandb', '[a-f0-9]{40}'),
  assigned('comet-api-key', 'Comet ML API key', 'ai', ['comet'], String.raw`comet[_.-]?(?:ml[_.-]?)?api[_.-]?key|comet_ml`, '[A-Za-z0-9]{25}', { minEntropy: 3.5 }),
  {
    // kaggle.json: {"username":"…","key":"<32 hex>"}, often written from a notebook cell.
    id: 'kaggle-json-key',
    description: 'Kaggle API key (kaggle.json)',
    category: 'ai',
    kind: 'contextual',
    keywords: ['username'],
    anchored: true,
    pattern: rx(
      String.raw`(?<=["'])username["'][ \t]{0,3}:[ \t]{0,3}["'][A-Za-z0-9_.-]{1,64}["'][ \t]{0,3},[ \t]{0,3}["']key["'][ \t]{0,3}:[ \t]{0,3}["'](?<secret>[a-f0-9]{32})["']`,
    ),
    minEntropy: 3,
  },
  assigned('kaggle-key', 'Kaggle API key', 'ai', ['kaggle'], String.raw`kaggle[_.-]key`, '[a-f0-9]{32}'),
];
