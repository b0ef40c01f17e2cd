import { execFile } from 'node:child_process';
import { IpemuError } from '../../core/errors';

/** How an `sf` alias or username becomes an instance URL and access token. */
export interface SfOrgAuth {
  instanceUrl: string;
  accessToken: string;
  username?: string;
}

export const SF_NOT_FOUND_MESSAGE = 'The Salesforce CLI (sf) was not found on PATH; install it or use --instance-url/--access-token.';

const SF_TIMEOUT_MS = 60_000;

interface SfJson {
  status?: unknown;
  result?: Record<string, unknown>;
  message?: unknown;
  name?: unknown;
}

function runSf(args: string[], env: NodeJS.ProcessEnv): Promise<SfJson> {
  return new Promise((resolve, reject) => {
    // No shell: the alias is an argument, never parsed as shell text.
    execFile('sf', args, { env, timeout: SF_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, windowsHide: true }, (err, stdout) => {
      const spawnCode = (err as NodeJS.ErrnoException | null)?.code;
      if (spawnCode === 'ENOENT') {
        reject(new IpemuError('INVALID_INPUT', SF_NOT_FOUND_MESSAGE));
        return;
      }
      let parsed: SfJson | undefined;
      try {
        parsed = JSON.parse(String(stdout)) as SfJson;
      } catch {
        parsed = undefined;
      }
      // sf exits non-zero with a JSON error body (e.g. NamedOrgNotFoundError); prefer its message.
      if (!parsed || typeof parsed !== 'object') {
        reject(new IpemuError('INVALID_INPUT', `sf ${args.slice(0, 3).join(' ')} did not print JSON${err ? ` (${err.message.split('\n')[0]})` : ''}.`));
        return;
      }
      if (err || (typeof parsed.status === 'number' && parsed.status !== 0)) {
        const why = typeof parsed.message === 'string' ? parsed.message : 'it failed';
        reject(
          new IpemuError('INVALID_INPUT', `sf ${args.slice(0, 3).join(' ')} failed: ${why}`, {
            sfError: typeof parsed.name === 'string' ? parsed.name : undefined,
          }),
        );
        return;
      }
      resolve(parsed);
    });
  });
}

function stringField(json: SfJson, field: string, command: string): string {
  const value = json.result?.[field];
  if (typeof value !== 'string' || value === '') {
    throw new IpemuError('INVALID_INPUT', `sf ${command} --json did not return result.${field}.`);
  }
  return value;
}

/**
 * `sf org display --json` redacts the token nowadays, so the token and the instance URL come
 * from two commands, run side by side.
 */
export async function sfOrgAuth(targetOrg: string, env: NodeJS.ProcessEnv = process.env): Promise<SfOrgAuth> {
  if (targetOrg.trim() === '' || targetOrg.startsWith('-')) {
    throw new IpemuError('INVALID_INPUT', `"${targetOrg}" is not an org alias or username.`);
  }
  const [tokenJson, displayJson] = await Promise.all([
    runSf(['org', 'auth', 'show-access-token', '--target-org', targetOrg, '--json'], env),
    runSf(['org', 'display', '--target-org', targetOrg, '--json'], env),
  ]);
  const accessToken = stringField(tokenJson, 'accessToken', 'org auth show-access-token');
  const instanceUrl = stringField(displayJson, 'instanceUrl', 'org display');
  const username = displayJson.result?.username;
  return { instanceUrl, accessToken, ...(typeof username === 'string' ? { username } : {}) };
}
