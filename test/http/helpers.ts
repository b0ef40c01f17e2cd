import type { FastifyInstance } from 'fastify';
import { PassThrough } from 'node:stream';
import { assembleEmulator, type Emulator } from '../../src/core/emulator';
import { defineService, definePlugin, PluginDefinition } from '../../src/core/define-service';
import { IpemuError, ErrorCode } from '../../src/core/errors';
import { OrgError, Org } from '../../src/core/org';

/** Transport tests need an Org only to satisfy the emulator; no handler here queries it. */
export const tinyOrg: Org = {
  cacheKey: 'tiny',
  query: async () => ({ totalSize: 0, done: true, records: [] }),
  describe: async (sobject) => ({ name: sobject, label: sobject, keyPrefix: null, queryable: true, retrieveable: true, fields: [] }),
};

/** Gates a slow handler so a test decides when it finishes. */
export class Gate {
  private release!: () => void;
  private enteredResolve!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  readonly entered = new Promise<void>((resolve) => (this.enteredResolve = resolve));
  enter(): void {
    this.enteredResolve();
  }
  open(): void {
    this.release();
  }
}

export function testPlugin(gate?: Gate): PluginDefinition {
  return definePlugin({
    name: 'http-test',
    services: [
      defineService('Echo', {
        echo: {
          description: 'Returns its input.',
          input: { type: 'object', properties: { n: { type: 'integer' }, name: { type: 'string' } } },
          output: { type: 'object', properties: { n: { type: 'integer' }, echoed: { type: 'object' } } },
          handler: (input) => ({ n: input.n, echoed: input }),
        },
        // Raises the outcome named by `code`, so every INVOKE code is reachable over HTTP.
        fail: {
          description: 'Raises the error named by code.',
          input: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
          handler: (input) => {
            if (input.code === 'ORG') throw new OrgError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', 403);
            if (input.code === 'CRASH') throw new Error('secret internals at line 42');
            throw new IpemuError(input.code as ErrorCode, `raised ${String(input.code)}`);
          },
        },
        sleep: {
          description: 'Waits ms milliseconds, or for the test gate.',
          input: { type: 'object', properties: { ms: { type: 'integer' } } },
          handler: async (input) => {
            if (gate) {
              gate.enter();
              await gate.opened;
            } else {
              await new Promise((resolve) => setTimeout(resolve, Number(input.ms ?? 0)));
            }
            return { slept: true };
          },
        },
      }),
    ],
  });
}

/** A JSON POST through `app.inject()`: an object payload is serialised, a string (or none) is sent as it is. */
export function postJson(app: FastifyInstance, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' || payload === undefined ? payload : JSON.stringify(payload),
  });
}

/** An emulator with the test plugin's services only: no built-in service, no coalescing, no demo org. */
export function makeEmulator(plugins: PluginDefinition[] = [testPlugin()]): Emulator {
  return assembleEmulator({ services: [], org: tinyOrg, plugins });
}

/** Collects every log line the server writes. */
export function captureLogs(): { stream: PassThrough; text(): string; lines(): Record<string, unknown>[] } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const text = (): string => Buffer.concat(chunks).toString('utf8');
  return {
    stream,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
