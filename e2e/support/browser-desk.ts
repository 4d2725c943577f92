import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { addPeople, freePort } from './desk-api.js';
import { buildDesk, startDeskProcess, type DeskProcess } from './desk-process.js';

export interface BrowserDesk {
  readonly desk: DeskProcess;
  readonly browser: Browser;
}

/**
 * For a describe block: a built desk served by its own process on SQLite, with the
 * e2e requester and agent added, and a Chromium to drive it; both stop after the block.
 */
export function useBrowserDesk(setup?: (desk: DeskProcess) => Promise<void>): BrowserDesk {
  let desk: DeskProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    buildDesk();
    desk = await startDeskProcess({ port: await freePort() });
    await addPeople(desk.baseUrl);
    await setup?.(desk);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });
  return {
    get desk() {
      if (!desk) throw new Error('the desk is not started yet (use it inside a test)');
      return desk;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started yet (use it inside a test)');
      return browser;
    },
  };
}
