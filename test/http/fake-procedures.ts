import { assembleEmulator, type Emulator } from '../../src/core/emulator';
import { failure, type OutputMap } from '../../src/core/envelope';
import type { ErrorCode } from '../../src/core/errors';
import type { Org } from '../../src/core/org';
import type { ProcedureHost, ProcedureInfo, ProcedurePort, ProcedureRunOptions } from '../../src/core/procedure-port';
import { tinyOrg } from './helpers';

/**
 * A ProcedurePort of a few hand-written procedures, so the transports can be tested on their own:
 * each returns an envelope the runner's contract describes (DESIGN.md §5), and every run is recorded.
 */
export interface RecordedRun {
  key: string;
  input: Record<string, unknown>;
  options: ProcedureRunOptions;
  user?: string;
}

const info = (key: string, isTest = false): ProcedureInfo => {
  const [type = '', subType = ''] = key.split('_');
  return { key, type, subType, version: 2, isTest, file: `/defs/${key}_DataPack.json`, format: 'datapack-expanded' };
};

export const FAKE_KEYS = ['Demo_Created', 'Demo_Echo', 'Demo_Jobs', 'Demo_SelfTest'] as const;

const ok = (IPResult: unknown, extra: Record<string, unknown> = {}): OutputMap => ({ IPResult, errorCode: 'INVOKE-200', error: 'OK', ...extra });

async function runFake(key: string, input: Record<string, unknown>, options: ProcedureRunOptions, host: ProcedureHost): Promise<OutputMap> {
  const trace = options.trace ? { trace: [{ name: 'Step1', type: 'Set Values', status: 'ran', ms: 0.25, output: { echoed: true } }] } : {};
  switch (key) {
    case 'Demo_Echo':
      // `failWith` names an ErrorCode: the run fails the way a failed element does.
      if (typeof input.failWith === 'string') {
        return { ...failure(input.failWith as ErrorCode, `Step1 failed: ${input.failWith}`, { element: 'Step1', type: 'Remote Action' }), ...trace };
      }
      return ok(input, trace);
    case 'Demo_Created':
      return ok(
        { created: true },
        { responseHeaders: { StatusCode: 201, 'X-Request-Id': 'abc-1', 'Bad Name': 'x', 'X-Split': 'a\r\nInjected: 1', 'Content-Length': '3' } },
      );
    case 'Demo_Jobs': {
      // Reads the org the emulator was given: which org (and user) a transport runs on shows here.
      const result = await host.org.query('SELECT Id FROM AsyncApexJob', {});
      return ok({ jobs: result.totalSize });
    }
    case 'Demo_SelfTest':
      return ok(
        {},
        {
          asserts: [
            { name: 'status is Completed', passed: true, message: '' },
            { name: 'count is 2', passed: options.test === true && input.breakIt !== true, message: 'expected 2, got 3' },
          ],
        },
      );
    default:
      throw new Error(`no fake procedure ${key}`);
  }
}

export function fakeProcedurePort(runs: RecordedRun[] = [], user?: string): ProcedurePort {
  const list = FAKE_KEYS.map((key) => info(key, key === 'Demo_SelfTest'));
  return {
    list: () => list,
    has: (key) => (FAKE_KEYS as readonly string[]).includes(key),
    run: (key, input, options, host) => {
      runs.push({ key, input, options, ...(user === undefined ? {} : { user }) });
      return runFake(key, input, options, host);
    },
  };
}

/** An emulator with no service and the fake procedures, on `org` (default: an org that answers nothing). */
export function procedureEmulator(runs: RecordedRun[] = [], org: Org = tinyOrg, user?: string): Emulator {
  return assembleEmulator({ services: [], org, procedures: fakeProcedurePort(runs, user) });
}
