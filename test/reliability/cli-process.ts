import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { BIN, cleanEnv, ROOT } from '../cli/run-cli';

/** A long-running `ipemu` child whose whole stdout and stderr the test can scan afterwards. */
export interface ServingCli {
  child: ChildProcessWithoutNullStreams;
  firstLine: string;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts the built bin (`npm run build` first) and resolves with its first stdout line. */
export function serveCli(args: string[], env: Record<string, string> = {}): Promise<ServingCli> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cleanEnv(env) });
    let out = '';
    let err = '';
    let started = false;
    const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const nl = out.indexOf('\n');
      if (!started && nl >= 0) {
        started = true;
        resolve({ child, firstLine: out.slice(0, nl), stdout: () => out, stderr: () => err, exited });
      }
    });
    child.on('error', reject);
    void exited.then((code) => {
      if (!started) reject(new Error(`exited ${code} before its first line: ${err}`));
    });
  });
}

/** Every form a secret could leak in: as is, URL-encoded, and in JSON string escaping. */
export function leakForms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

/** The secrets found in `text`, by name, for a readable failure. */
export function leaksIn(text: string, secrets: Readonly<Record<string, string>>): string[] {
  return Object.entries(secrets)
    .filter(([, secret]) => leakForms(secret).some((form) => text.includes(form)))
    .map(([name]) => name);
}
