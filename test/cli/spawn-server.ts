import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { BIN, cleanEnv, ROOT } from './run-cli';

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  firstLine: string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts a long-running command and resolves with its first stdout line. */
export function startCli(args: string[], env: Record<string, string> = {}): Promise<RunningCli> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const nl = stdout.indexOf('\n');
      if (nl >= 0) resolve({ child, firstLine: stdout.slice(0, nl), stderr: () => stderr, exited });
    });
    child.on('error', reject);
    exited.then((code) => reject(new Error(`exited ${code} before its first line: ${stderr}`)));
  });
}
