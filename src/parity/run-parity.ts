import type { Emulator } from '../core/emulator';
import type { OutputMap } from '../core/envelope';
import { IpemuError } from '../core/errors';
import { isOrgError, type Org } from '../core/org';
import { boundedMap } from './bounded-map';
import { type CapturedQuery, QueryCapture } from './capturing-org';
import { compareQueries, type QueryDifference, sameOutput } from './compare';
import { DEFAULT_LIMIT, drawValues } from './drawn-values';
import { type ParityInput, PARITY_SERVICES } from './parity-services';
import { readOnlyOrg } from './read-only-org';
import { suiteInputs } from './suite-inputs';

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_MAX_DIFFERENCES = 100;

export interface ParityOptions {
  /** The org compared (a real org); its emulator gets it read-only. The caller opened it and closes it. */
  org: Org;
  /** The recorded mock org (MockOrg on the recording); inputs are drawn from it. The caller closes it. */
  mock: Org;
  /**
   * An emulator with the built-in services on `org`, with `orgLayer` put over its coalescing layer
   * (where parity records each invocation's queries): in src/ipemu.ts terms,
   * `(org, orgLayer) => createEmulator({ org, orgLayer, config, procedures: false })`.
   */
  emulate(org: Org, orgLayer: (org: Org) => Org): Emulator;
  /** Drawn values per kind (AsyncApexJob Ids, policy Ids, …); default 1,000, sampled evenly beyond. */
  limit?: number;
  /** Invocations in flight on each side. */
  concurrency?: number;
  /** Differences kept in full; the rest are counted. */
  maxDifferences?: number;
  /** Instead of the suite's inputs (tests, bench): only keys of PARITY_SERVICES are accepted. */
  inputs?: readonly ParityInput[];
  /** Monotonic milliseconds, for the two sides' times. */
  clock?: () => number;
  /** Called after each chunk of inputs is compared on both sides (a CLI's progress line). */
  onProgress?: (compared: number, total: number, differences: number) => void;
}

export interface ParityDifference {
  service: string;
  input: Readonly<Record<string, unknown>>;
  org: OutputMap;
  mock: OutputMap;
  /** The first query the two sides sent or were answered differently, when they did. */
  queries?: QueryDifference;
}

export interface ParityReport {
  compared: number;
  services: string[];
  differences: ParityDifference[];
  /** Every difference found, those kept in `differences` and those only counted. */
  differenceCount: number;
  /** Wall time of the invocations on each side, in milliseconds. */
  orgMs: number;
  mockMs: number;
  warnings: string[];
}

interface Side {
  emulator: Emulator;
  capture: QueryCapture;
}

function sideOf(org: Org, emulate: ParityOptions['emulate']): Side {
  const capture = new QueryCapture();
  return { emulator: emulate(readOnlyOrg(org), (above) => capture.wrap(above)), capture };
}

/** Enforced whatever the caller hands in: parity never runs a job starter, so it never writes. */
function checkInputs(inputs: readonly ParityInput[]): void {
  const other = inputs.find((item) => !PARITY_SERVICES.includes(item.service));
  if (other) throw new IpemuError('INVALID_INPUT', `parity runs only the read-only services (${PARITY_SERVICES.join(', ')}), not ${other.service}.`);
}

/** A first read, so an org that cannot be reached is one clear failure (exit 5), not a difference per input. */
async function probe(org: Org): Promise<void> {
  try {
    await org.describe('AsyncApexJob');
  } catch (err) {
    // An object the user cannot see is for the comparison to show: its describe answers 404
    // NOT_FOUND over the REST API (the fake one too, MockOrg.describe), INVALID_TYPE elsewhere; the
    // recorder reads both as hidden (recording/record-plan.ts).
    if (isOrgError(err) && (err.errorCode === 'INVALID_TYPE' || err.errorCode === 'NOT_FOUND')) return;
    const reason = err instanceof Error ? err.message : String(err);
    if (!isOrgError(err)) throw new IpemuError('ORG_ERROR', `parity cannot read the org: ${reason}`);
    throw new IpemuError('ORG_ERROR', `parity cannot read the org (${err.errorCode}): ${reason}`, { errorCode: err.errorCode });
  }
}

type Outcome = { value: OutputMap; queries: CapturedQuery[] };

/** The org's failures that say nothing about the mock: the org went away, the session ended, the API limit was reached. */
const STOPPING = new Set(['UNREACHABLE', 'INVALID_SESSION_ID', 'REQUEST_LIMIT_EXCEEDED']);

/** The org failure of STOPPING an output map reports, if it does. */
function stoppingCode(value: OutputMap): string | undefined {
  const details = value.details as { errorCode?: unknown } | undefined;
  const code = value.errorCode === 'INVOKE-502' && typeof details?.errorCode === 'string' ? details.errorCode : undefined;
  return code !== undefined && STOPPING.has(code) ? code : undefined;
}

/**
 * One side's invocations of a chunk, each with its queries. On the org's side (`done`: the inputs
 * compared before the chunk) a failure of STOPPING ends the run (exit 5) as soon as it comes back:
 * no further input starts, rather than each later one waiting out the org's retries to be counted
 * as a difference.
 */
async function runSide(
  side: Side,
  chunk: readonly ParityInput[],
  concurrency: number,
  clock: () => number,
  done?: number,
): Promise<{ outcomes: Outcome[]; ms: number }> {
  const started = clock();
  let failure: IpemuError | undefined;
  const outcomes = await boundedMap(
    chunk,
    concurrency,
    async ({ service, input }, i) => {
      const outcome = await side.capture.run(() => side.emulator.invoke(service, input));
      const code = done === undefined ? undefined : stoppingCode(outcome.value);
      if (code !== undefined && failure === undefined) {
        const at = (done! + i + 1).toLocaleString('en-US');
        failure = new IpemuError('ORG_ERROR', `parity stopped at input ${at}: ${String(outcome.value.error)}`, { errorCode: code });
      }
      return outcome;
    },
    () => failure !== undefined,
  );
  if (failure) throw failure;
  return { outcomes, ms: clock() - started };
}

/**
 * Runs the service suite's inputs on the org and on the mock and compares each input's output
 * maps exactly, and the queries its services sent with the records they got. In chunks, so a
 * large recording's outcomes are never all held at once.
 */
export async function runParity(options: ParityOptions): Promise<ParityReport> {
  const clock = options.clock ?? (() => performance.now());
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const maxDifferences = options.maxDifferences ?? DEFAULT_MAX_DIFFERENCES;
  const warnings: string[] = [];
  if (options.inputs) checkInputs(options.inputs);
  await probe(options.org);
  const inputs = options.inputs ?? suiteInputs(await drawValues(options.mock, options.limit ?? DEFAULT_LIMIT, warnings));
  checkInputs(inputs);

  const orgSide = sideOf(options.org, options.emulate);
  const mockSide = sideOf(options.mock, options.emulate);
  const report: ParityReport = { compared: 0, services: [], differences: [], differenceCount: 0, orgMs: 0, mockMs: 0, warnings };
  const chunkSize = Math.max(256, concurrency * 16);
  try {
    for (let start = 0; start < inputs.length; start += chunkSize) {
      const chunk = inputs.slice(start, start + chunkSize);
      const org = await runSide(orgSide, chunk, concurrency, clock, report.compared);
      const mock = await runSide(mockSide, chunk, concurrency, clock);
      report.orgMs += org.ms;
      report.mockMs += mock.ms;
      chunk.forEach(({ service, input }, i) => {
        const a = org.outcomes[i]!;
        const b = mock.outcomes[i]!;
        const queries = compareQueries(a.queries, b.queries);
        if (sameOutput(a.value, b.value) && queries === undefined) return;
        report.differenceCount += 1;
        if (report.differences.length >= maxDifferences) return;
        report.differences.push({ service, input, org: a.value, mock: b.value, ...(queries ? { queries } : {}) });
      });
      report.compared += chunk.length;
      options.onProgress?.(report.compared, inputs.length, report.differenceCount);
    }
  } finally {
    await Promise.all([orgSide.emulator.close(), mockSide.emulator.close()]);
  }
  report.services = PARITY_SERVICES.filter((key) => inputs.some((item) => item.service === key));
  return report;
}
