/**
 * Everything the pre-commit hook loads once a notebook is staged, behind one module: reading the
 * configuration, judging a notebook with every rule, and the report.
 */
export { judgeNotebook } from './verdict';
export { loadRunConfig } from './config';
export { ConfigError } from '../config/config-error';
export { formatHookReport } from '../report/hook';
export { describeInternalError } from '../report/internal-error';
