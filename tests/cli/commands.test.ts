import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/notebook';

/**
 * A run defines only the command it names (src/cli/main.ts, `buildProgram`): each command must
 * work so, alone, and `nbguard --help` (every command defined) must list the same ones.
 */
describe('nbguard <command>, defined alone', () => {
  const help = runCli(['--help']).stdout;
  const listed = [...help.slice(help.indexOf('Commands:')).matchAll(/^ {2}([a-z-]+) /gm)].map((match) => match[1]!).filter((name) => name !== 'help');

  it('nbguard --help lists every command', () => {
    expect(listed).toEqual(['check', 'strip', 'rules', 'init', 'baseline', 'history', 'hook', 'install', 'uninstall', 'status', 'fix', 'filter-process', 'textconv', 'merge']);
  });

  it.each(['check', 'strip', 'rules', 'init', 'baseline', 'history', 'hook', 'install', 'uninstall', 'status', 'fix', 'filter-process', 'textconv', 'merge'])(
    '%s --help gives its own usage and options, exit 0',
    (name) => {
      const result = runCli([name, '--help'], { cwd: tempDir() });
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: nbguard ${name}\\b`));
    },
  );

  it('a misspelt command still gets a suggestion from every command (all defined)', () => {
    const result = runCli(['chek'], { cwd: tempDir() });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Did you mean check\?/);
  });

  it('a command with the flags of its own, which another command defines too, parses them', () => {
    const dir = tempDir();
    const result = runCli(['check', '--format', 'json', '--keep-output', '--gitleaks-config', 'none.toml', '.'], { cwd: dir });
    expect(result.stderr).toMatch(/none\.toml/);
    expect(result.status).toBe(2);
  });
});
