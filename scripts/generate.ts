/** `npm run docs`: writes the files generated from the rule registry, and removes stale rule pages. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedFiles } from './generated-files';

const root = path.resolve(__dirname, '..', '..');
const files = generatedFiles();
for (const [relative, content] of files) {
  const target = path.join(root, relative);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
}
const pages = path.join(root, 'docs', 'rules');
for (const name of readdirSync(pages)) {
  if (name.endsWith('.md') && !files.has(`docs/rules/${name}`)) rmSync(path.join(pages, name));
}
console.log(`wrote ${files.size} files generated from the rule registry`);
