import type { Page, Request } from 'playwright-core';
import { createEmulator } from '../../src/ipemu';
import { startServer, RunningServer } from '../../src/http/server';
import { BROWSER_REQUIRED, CHROMIUM_PATH, HAVE_CHROMIUM, INSTALL_HINT, launchChromium, Browser } from './chromium';

const SERVICE = 'InsPolicyService:getPolicyAsyncJobStatus';
// An operation's block, found by the path Swagger UI shows (not by its operationId-derived DOM id).
const operation = (path: string): string => `.opblock:has(.opblock-summary-path[data-path="${path}"])`;
const SERVICE_OPERATION = operation(`/invoke/${SERVICE}`);
const PROCEDURE_PATH = '/procedures/InsPolicy_JobStatusSummary';
const TOKEN = 'browser-T0ken-e5d4c3b2a1f0';

jest.setTimeout(90_000);

/** What a page did on the network and in its console, for the "only this server" checks. */
function watch(page: Page): { requests: Request[]; problems: string[] } {
  const requests: Request[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused call is logged by the browser as a failed resource load; anything else is a problem.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(message.text());
  });
  return { requests, problems };
}

/** Opens an operation, presses "Try it out" and "Execute" on the example shown, and reads the response panel. */
async function sendExample(page: Page, selector = SERVICE_OPERATION): Promise<{ status: string; body: string; sentBody: string }> {
  const op = page.locator(selector);
  await op.locator('.opblock-summary').first().click();
  await op.getByRole('button', { name: 'Try it out' }).click();
  const sentBody = await op.locator('textarea.body-param__text').inputValue();
  await op.getByRole('button', { name: 'Execute' }).click();
  const row = op.locator('.live-responses-table tbody tr.response').first();
  await row.waitFor();
  return {
    status: (await row.locator('.response-col_status').textContent())?.trim() ?? '',
    body: (await row.locator('.response-col_description pre').first().textContent()) ?? '',
    sentBody,
  };
}

if (!HAVE_CHROMIUM) {
  if (BROWSER_REQUIRED) {
    test('chromium is installed (IPEMU_REQUIRE_BROWSER=1)', () => {
      throw new Error(`No chromium at ${CHROMIUM_PATH}: ${INSTALL_HINT}.`);
    });
  } else {
    test.skip(`the API page in a real browser (skipped: no chromium at ${CHROMIUM_PATH}; ${INSTALL_HINT}, or set IPEMU_REQUIRE_BROWSER=1 to fail instead)`, () =>
      undefined);
  }
} else {
  describe('the API page in chromium, on ipemu serve over the demo mock org', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(() => browser?.close());

    describe('without a token', () => {
      let server: RunningServer;
      beforeAll(async () => {
        server = await startServer({ emulator: createEmulator(), port: 0, logLevel: 'silent' });
      });
      afterAll(() => server?.close());

      test(`lists ${SERVICE} and a demo procedure, sends the service's example (INVOKE-200) and the procedure's (200); every request goes to this server`, async () => {
        const page = await browser.context.newPage();
        const seen = watch(page);
        await page.goto(`${server.url}/docs`);
        await page.locator(SERVICE_OPERATION).waitFor();
        const paths = await page.locator('.opblock-summary-path').allTextContents();
        expect(paths).toEqual(expect.arrayContaining([`/invoke/${SERVICE}`, PROCEDURE_PATH]));

        const answer = await sendExample(page);
        expect(JSON.parse(answer.sentBody)).toHaveProperty('input');
        expect(answer.status).toBe('200');
        expect(JSON.parse(answer.body)).toMatchObject({ errorCode: 'INVOKE-200', error: 'OK' });
        const procedure = await sendExample(page, operation(PROCEDURE_PATH));
        expect(procedure.status).toBe('200');

        const urls = seen.requests.map((r) => r.url());
        expect(urls).toContain(`${server.url}/invoke/${SERVICE}`);
        expect(urls.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
        expect(seen.problems).toEqual([]);
        await page.close();
      });
    });

    describe('with a token', () => {
      let server: RunningServer;
      beforeAll(async () => {
        server = await startServer({ emulator: createEmulator(), port: 0, logLevel: 'silent', token: TOKEN });
      });
      afterAll(() => server?.close());

      test('the page is 401 without the token; /docs?token= lands on /docs with an HttpOnly cookie and the token nowhere in the page', async () => {
        const page = await browser.context.newPage();
        const refused = await page.goto(`${server.url}/docs`);
        expect(refused?.status()).toBe(401);

        const opened = await page.goto(`${server.url}/docs?token=${TOKEN}`);
        expect(opened?.status()).toBe(200);
        expect(page.url()).toBe(`${server.url}/docs`);
        await page.locator(SERVICE_OPERATION).waitFor();
        expect(await opened?.text()).not.toContain(TOKEN);
        expect(await page.content()).not.toContain(TOKEN);
        expect(await page.evaluate('document.cookie')).toBe('');
        const cookies = await browser.context.cookies(`${server.url}/docs`);
        expect(cookies.filter((c) => c.name.startsWith('ipemu_docs_'))).toEqual([
          expect.objectContaining({ path: '/docs', httpOnly: true, sameSite: 'Strict', secure: false }),
        ]);
        await page.close();
      });

      test('after Authorize with the token, the example is sent with the bearer header and shows INVOKE-200', async () => {
        const page = await browser.context.newPage();
        const seen = watch(page);
        await page.goto(`${server.url}/docs?token=${TOKEN}`);
        await page.locator(SERVICE_OPERATION).waitFor();
        await page.locator('.auth-wrapper .btn.authorize').click();
        const dialog = page.locator('.modal-ux');
        await dialog.locator('#auth-bearer-value').fill(TOKEN);
        await dialog.locator('button.authorize').click();
        await dialog.locator('button.btn-done').click();

        const answer = await sendExample(page);
        expect(answer.status).toBe('200');
        expect(JSON.parse(answer.body)).toMatchObject({ errorCode: 'INVOKE-200' });
        const call = seen.requests.find((r) => r.url() === `${server.url}/invoke/${SERVICE}`);
        expect(call?.headers().authorization).toBe(`Bearer ${TOKEN}`);
        expect(seen.requests.map((r) => r.url()).filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
        expect(seen.problems).toEqual([]);
        await page.close();
      });
    });
  });
}
