import type { DataKind } from './kinds';

/**
 * Words that, written just before a match or as its table column's header, say what the value
 * is. They turn a weak match (a lone number that happens to validate) into a confident one.
 */
const CONTEXT: Readonly<Record<DataKind, RegExp>> = {
  email: /e-?mail|mailto|contact|correo|courriel/,
  phone: /phone|\btel\b|tel[:.]|telefon|mobile|cell.?phone|cellular|\bfax\b|whatsapp|contact|\bmob\b|handy/,
  card: /\bcard|credit|debit|\bvisa\b|mastercard|\bamex\b|\bpan\b|\bcc_?(?:num|no)|payment/,
  iban: /\biban|\bbank|account|\bsepa\b|\bbic\b|\bswift\b/,
  ssn: /\bssn|social.?security|\btin\b|taxpayer/,
  nino: /\bnino\b|national.?insurance|\bni.?(?:no|num)/,
  ip: /\bip\b|ip.?addr|\bipv[46]|client|remote|visitor|\bsrc\b|source.?ip|\buser/,
};

/** How far before a match the text is searched for a context word. */
const WINDOW = 48;

/** Whether a context word for `kind` appears shortly before `start` (on the same line). */
export function hasContextBefore(text: string, start: number, kind: DataKind, from = 0): boolean {
  const windowStart = Math.max(from, start - WINDOW);
  if (windowStart >= start) return false;
  const window = text.slice(windowStart, start);
  return CONTEXT[kind].test(window.slice(window.lastIndexOf('\n') + 1).toLowerCase());
}

/** Whether a column header (or a JSON key) names `kind`. */
export function isContextLabel(label: string, kind: DataKind): boolean {
  return CONTEXT[kind].test(label.toLowerCase());
}
