import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'ipemu.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Killed at `killAfterMs` (a server that wrongly started listening would never exit). */
  killed: boolean;
}

/** The environment without SF_* or IPEMU_* so a developer's real-org login never leaks into a test. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SF_') && !k.startsWith('IPEMU_')) env[k] = v;
  return { ...env, ...extra };
}

export interface RunCliOptions {
  stdin?: string;
  env?: Record<string, string>;
  cwd?: string;
  command?: string[];
  /** SIGKILL the child after this many ms and report `killed` (for commands that must not start a server). */
  killAfterMs?: number;
}

/** Runs the built bin (`npm run build` first) and collects its output. */
export function runCli(args: string[], opts: RunCliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const [cmd, ...pre] = opts.command ?? [process.execPath];
    const child = spawn(cmd!, [...pre, BIN, ...args], { cwd: opts.cwd ?? ROOT, env: cleanEnv(opts.env) });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer =
      opts.killAfterMs === undefined
        ? undefined
        : setTimeout(() => {
            killed = true;
            child.kill('SIGKILL');
          }, opts.killAfterMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}
