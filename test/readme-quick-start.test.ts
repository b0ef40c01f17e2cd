/**
 * The README's quick start, run as written (less its `npm ci`, which CI has just done): the first
 * command's output is exactly the JSON the README shows after it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function quickStart(): { command: string; shown: string } {
  const section = README.slice(README.indexOf('## Quick start'), README.indexOf('\n## ', README.indexOf('## Quick start') + 1));
  const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2]! }));
  const command = blocks.find((b) => b.lang === 'sh')!.body.trim();
  const shown = blocks.find((b) => b.lang === 'json')!.body;
  return { command, shown };
}

describe('README quick start', () => {
  it('has exactly two commands: one installs and runs an invoke then an ip run, one installs and runs the tests', () => {
    const section = README.slice(README.indexOf('## Quick start'), README.indexOf('\n## ', README.indexOf('## Quick start') + 1));
    const commands = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^npm ci && npx ipemu invoke \S+ .* && npx ipemu ip run \S+ /);
    expect(commands[1]).toBe('npm ci && npm test');
  });

  it('prints exactly the JSON the README shows: the service output map, then the demo IP response', () => {
    const { command, shown } = quickStart();
    const run = command.replace(/^npm ci && /, '').replace(/npx ipemu /g, `"${process.execPath}" bin/ipemu.js `);
    const stdout = execFileSync('bash', ['-c', run], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(stdout).toBe(shown);
  });
});
