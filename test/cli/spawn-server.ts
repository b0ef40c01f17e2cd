import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { BIN, cleanEnv, ROOT } from './run-cli';

/** A long-running `ipemu` child whose whole stdout and stderr a test can read at any time. */
export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  firstLine: string;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts the built bin (`npm run build` first) and resolves with its first stdout line. */
export function startCli(args: string[], env: Record<string, string> = {}): Promise<RunningCli> {
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
