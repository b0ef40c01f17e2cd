import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium`); IPEMU_CHROMIUM names another binary. */
export const CHROMIUM_PATH = process.env.IPEMU_CHROMIUM ?? '/usr/bin/chromium';

/** With IPEMU_REQUIRE_BROWSER=1 (CI) a missing chromium fails the suite instead of skipping it. */
export const BROWSER_REQUIRED = process.env.IPEMU_REQUIRE_BROWSER === '1';

export const HAVE_CHROMIUM = existsSync(CHROMIUM_PATH);

export const INSTALL_HINT = `install it with "apt-get install -y chromium" (or set IPEMU_CHROMIUM to a chromium binary)`;

// Headless, and nothing of its own on the network: no QUIC, sync, component or background updates.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium on a fresh user-data-dir, removed on close. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'ipemu-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: ARGS, timeout: 30_000 });
    context.setDefaultTimeout(20_000);
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}
