import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli';
import { jsonOf, parityCli, recordCli, serveFixtures, tokenFor, type ServedOrg } from './round-trip-cli';
import { compareObject } from './round-trip-compare';

export interface ParityReport {
  status: number;
  result: { compared: number; services: string[]; differences: unknown[] };
}

/** One recording: the user whose token records, the path's name and the recorder's extra flags. */
export type RoundTripCase = [user: string, path: 'REST' | 'Bulk API 2.0', extra: string[]];

export const REST: RoundTripCase[1] = 'REST';
export const BULK: RoundTripCase[1] = 'Bulk API 2.0';
export const BULK_FLAGS = ['--bulk-threshold', '1'];

export interface RoundTripOptions {
  /** The served source org and a scratch directory, ready once the file's beforeAll ran. */
  context(): { source: ServedOrg; work: string };
  cases: RoundTripCase[];
  /** The objects compared record by record. */
  objects: string[];
  /** Flags every recording gets (e.g. `--objects`). */
  recordFlags: string[];
  /** Extra parity runs, each with these flags (e.g. a `--config` naming another job link), for the users listed. */
  parityRuns?: { name: string; users: string[]; flags(work: string): string[] }[];
}

/**
 * Per case: record the source as that user → the recording is valid (`mock-org validate`) and
 * token-free → served with `--fixtures`, every object describes and reads as in the source →
 * `ipemu parity` as the same user finds 0 differences.
 */
export function describeRoundTrips(opts: RoundTripOptions): void {
  describe.each(opts.cases)('recorded as %s through %s', (user, path, extra) => {
    let token: string;
    let out: string;
    let recorded: ServedOrg | undefined;
    let recordExit: number | null;
    let recordStderr: string;

    beforeAll(async () => {
      const { source, work } = opts.context();
      token = await tokenFor(source, user);
      out = join(work, `recording-${user}-${path.replace(/\W+/g, '-')}`);
      const result = await recordCli(source, token, out, [...opts.recordFlags, ...extra]);
      recordExit = result.code;
      recordStderr = result.stderr;
      if (result.code !== 0) throw new Error(`record exited ${result.code}: ${result.stderr}`);
      recorded = await serveFixtures(out);
    });

    afterAll(async () => {
      await recorded?.stop();
    });

    it('records with exit 0, the token in no file of the recording nor on stderr, and `mock-org validate` accepts it', async () => {
      expect(recordExit).toBe(0);
      expect(recordStderr).not.toContain(token);
      for (const file of readdirSync(out)) expect(readFileSync(join(out, file), 'utf8')).not.toContain(token);
      const validate = await runCli(['mock-org', 'validate', out]);
      expect(validate.stderr).toContain('no problems found');
      expect(validate.code).toBe(0);
    });

    it('every object: the same describe fields and types, and every record equal field for field (over REST, by Id)', async () => {
      const { source } = opts.context();
      for (const sobject of opts.objects) {
        const cmp = await compareObject(
          { instanceUrl: source.instanceUrl, token },
          { instanceUrl: recorded!.instanceUrl, token: recorded!.accessToken },
          sobject,
        );
        expect({ sobject, fields: cmp.recordedFields }).toEqual({ sobject, fields: cmp.sourceFields });
        expect({ sobject, records: cmp.recordedRecords }).toEqual({ sobject, records: cmp.sourceRecords });
      }
    });

    const parityRuns = [{ name: 'the default config', flags: (): string[] => [] }, ...(opts.parityRuns ?? []).filter((run) => run.users.includes(user))];
    it.each(parityRuns.map((r) => [r.name, r] as const))('`ipemu parity` as the same user with %s finds 0 differences (exit 0)', async (_name, run) => {
      const { source, work } = opts.context();
      const result = await parityCli(source, token, out, run.flags(work));
      const report = jsonOf<ParityReport>(result);
      expect(report.result.differences).toEqual([]);
      expect(report.result.compared).toBeGreaterThan(20);
      expect(result.code).toBe(0);
    });
  });
}
