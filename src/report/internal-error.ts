/** One line for a caught bug: its message and where it was thrown (for the report the user files). */
export function describeInternalError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const where = error.stack?.split('\n').find((line) => line.trimStart().startsWith('at '))?.trim();
  return `${error.name}: ${error.message}${where ? ` (${where})` : ''}`;
}
