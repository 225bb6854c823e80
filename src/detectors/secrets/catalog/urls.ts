import { isPlaceholder } from '../allowlist';
import { characterClasses } from '../entropy';
import type { SecretRuleSpec, Validator } from '../types';
import { rx } from './build';

/** Passwords that documentation and local development setups use, not secrets of anyone's. */
const DEFAULT_PASSWORDS = new Set([
  'pass', 'password', 'passwd', 'pwd', 'secret', 'root', 'admin', 'guest', 'user', 'postgres', 'mysql', 'redis',
  'rabbitmq', 'mongo', 'mongodb', 'sa', 'test', 'changeme', 'default', 'example', 'letmein', '1234', '12345', '123456',
]);

/** Words a trivial password is made of, alone or with a few digits (`password123`, `mypassword`, `foobar`). */
const TRIVIAL_WORD = /^(?:my|the)?(?:pass(?:word|wd)?|pwd|secret|root|admin|guest|user|test|changeme|default|example|letmein|qwerty|foo|bar|baz|hello|welcome|demo)+[0-9!._-]{0,4}$/i;

/** A password nobody would guard: a default, a word with a few digits, a short run of one kind, a pattern. */
function isTrivialPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (DEFAULT_PASSWORDS.has(lower) || TRIVIAL_WORD.test(password)) return true;
  if (/^[0-9]{1,8}$/.test(password)) return true; // 1111, 123456, 20240101
  if (password.length < 6 && characterClasses(password) < 2) return true;
  return isPlaceholder(password, false); // xxxx, <password>, {pw}, ***, abcdefgh…, low variety
}

/**
 * The password in a URL is a real one: not a placeholder, template, default or trivial
 * password, nor the user name again. Words such as `secret` or `admin` inside a longer password
 * (`secretKey456`) do not make it a placeholder: people choose passwords like that.
 */
export const plausibleUrlPassword: Validator = (candidate) => {
  const password = candidate.secret;
  const user = candidate.groups['user'] ?? '';
  if (password.length < 4 || password === user) return false;
  if (/^[$%:]|^\*+$/.test(password)) return false; // $VAR, %(password)s, ***
  return !isTrivialPassword(password);
};

/**
 * Host names of documentation examples: a weak signal, which silences a URL only when its
 * password is also placeholder-like (holds `password`, `secret`, `test`… as generic values do).
 */
const exampleHost: Validator = (candidate) =>
  !/(?:^|\.)(?:example|company|domain|yourdomain|mydomain|yourcompany|mycompany)\.(?:com|org|net)$|^host(?:name)?$|^your/i.test(candidate.groups['host'] ?? '') ||
  !isPlaceholder(candidate.secret, true);

/**
 * `scheme://user:password@host`: the password group excludes the characters that end it in a
 * URL (`@ / ? # :`), quotes, brackets of templates (`{password}`, `<password>`) and spaces.
 */
function urlRule(id: string, description: string, keywords: readonly string[], schemes: string): SecretRuleSpec {
  return {
    id,
    description,
    category: 'urls',
    kind: 'contextual',
    keywords,
    pattern: rx(
      // Starts with the literal `://` (found by a fast string search), then checks the scheme behind it.
      String.raw`://(?<=(?<![A-Za-z0-9+.-])(?:${schemes})://)(?<user>[^\s:@/?#'"<>{}\\]{0,64}):(?<secret>[^\s:@/?#'"<>{}\\]{1,128})@(?<host>[A-Za-z0-9_.%-]{1,253})`,
      'i',
    ),
    validators: [plausibleUrlPassword, exampleHost],
  };
}

const DRIVER = String.raw`(?:\+[a-z0-9]{1,20})?`;

/** Connection strings and URLs with a password. */
export const URL_RULES: readonly SecretRuleSpec[] = [
  urlRule('postgres-url-password', 'PostgreSQL connection URL with password', ['postgres'], `postgres(?:ql)?${DRIVER}`),
  urlRule('mysql-url-password', 'MySQL connection URL with password', ['mysql', 'mariadb'], `(?:mysql|mariadb)${DRIVER}`),
  urlRule('mongodb-url-password', 'MongoDB connection URL with password', ['mongodb'], String.raw`mongodb(?:\+srv)?`),
  urlRule('redis-url-password', 'Redis connection URL with password', ['redis'], 'rediss?'),
  urlRule('amqp-url-password', 'AMQP (RabbitMQ) URL with password', ['amqp'], 'amqps?'),
  urlRule('mssql-url-password', 'SQL Server connection URL with password', ['mssql', 'sqlserver'], `(?:mssql${DRIVER}|sqlserver)`),
  urlRule(
    'database-url-password',
    'Database connection URL with password',
    ['oracle', 'snowflake', 'clickhouse', 'cockroachdb', 'redshift', 'trino', 'presto', 'teradata', 'db2', 'vertica', 'hive'],
    `(?:oracle|snowflake|clickhouse|cockroachdb|redshift|trino|presto|teradata(?:sql)?|db2|vertica|hive)${DRIVER}`,
  ),
  urlRule('url-basic-auth', 'URL with user name and password', ['://'], '(?:https?|ftps?|sftp|smtps?|ldaps?|ssh|git|wss?|socks5h?)'),
];
