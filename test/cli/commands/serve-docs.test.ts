import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../run-cli';
import { startCli } from '../spawn-server';

// Preloaded into a child: at exit it writes which packages were loaded (the bench's cold-start census).
const CENSUS = join(ROOT, 'bench', 'child', 'module-census.js');
const PAGE_PACKAGES = ['@fastify/swagger', '@fastify/swagger-ui', '@fastify/static'];

interface Census {
  packages: Record<string, number>;
}

describe('the API page and what ipemu loads', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipemu-docs-census-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const censusEnv = (name: string) => ({ NODE_OPTIONS: `--require ${CENSUS}`, IPEMU_BENCH_CENSUS: join(dir, name) });
  const loaded = (name: string): string[] => {
    const census = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Census;
    return PAGE_PACKAGES.filter((p) => census.packages[p] !== undefined);
  };

  test('ipemu invoke loads none of the page’s packages (cold start unchanged)', async () => {
    const res = await runCli(['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--input', '{"jobId":"7075j00004uK6GjAAK"}'], {
      env: censusEnv('invoke.json'),
    });
    expect(JSON.parse(res.stdout)).toMatchObject({ errorCode: 'INVOKE-200' });
    expect(loaded('invoke.json')).toEqual([]);
  });

  test('ipemu serve serves /docs and loads the page’s packages; with --no-docs it answers 404 there and loads none', async () => {
    for (const [flags, name, status] of [
      [[], 'serve.json', 200],
      [['--no-docs'], 'serve-no-docs.json', 404],
    ] as const) {
      const server = await startCli(['serve', '--port', '0', '--log-level', 'silent', ...flags], censusEnv(name));
      const { url } = JSON.parse(server.firstLine) as { url: string };
      const page = await fetch(`${url}/docs`);
      expect([flags, page.status]).toEqual([flags, status]);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(loaded(name)).toEqual(status === 200 ? PAGE_PACKAGES : []);
    }
  });
});
