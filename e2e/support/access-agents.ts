import type { Browser, Page } from 'playwright-core';
import type { Authenticator } from '../../packages/server/test/support/totp.js';
import { watchPageErrors } from './browser.js';
import { type ApiSession, call, signIn } from './desk-api.js';
import { ADMIN } from './desk-process.js';
import { signInWithCode, withTotp } from './directory-desk.js';

export interface DeskAgent {
  email: string;
  password: string;
  name: string;
  authenticator: Authenticator;
  api: ApiSession;
}

/** A Service Desk agent added by the admin, with two-factor sign-in turned on over the API. */
export async function addAgentWithTotp(base: string, person: { email: string; name: string; password: string }, create = true): Promise<DeskAgent> {
  if (create) {
    const admin = await signIn(base, ADMIN.email, ADMIN.password);
    const groups = await call<{ items: { id: number; name: string }[] }>(base, admin, 'GET', '/api/v1/groups');
    const serviceDesk = groups.items.find((g) => g.name === 'Service Desk')!;
    await call(base, admin, 'POST', '/api/v1/people', { ...person, role: 'agent', groupIds: [serviceDesk.id] });
  }
  const { session: api, authenticator } = await withTotp(base, person.email, person.password);
  return { ...person, authenticator, api };
}

export interface AgentPage {
  page: Page;
  /** CSP violations and uncaught errors (watchPageErrors), plus every other console error. */
  errors: string[];
  close: () => Promise<void>;
}

/**
 * The agent's own browser profile, signed in through the form with a code from their app.
 * Console errors are collected too; `expectedStatuses` names HTTP refusals a test provokes on
 * purpose, whose "Failed to load resource" line Chromium prints as an error.
 */
export async function signInAgent(browser: Browser, baseUrl: string, agent: DeskAgent, expectedStatuses: number[] = []): Promise<AgentPage> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  page.on('console', (msg) => {
    if (msg.type() !== 'error' || /Content Security Policy|Refused to/.test(msg.text())) return;
    const status = /status of (\d{3})/.exec(msg.text())?.[1];
    if (status && expectedStatuses.includes(Number(status))) return;
    errors.push(`console: ${msg.text()}`);
  });
  await signInWithCode(page, agent.email, agent.password, agent.authenticator);
  return { page, errors, close: () => context.close() };
}

/** Whatever element has the keyboard focus, described by its id, test id and text. */
export function focusedElement(page: Page): Promise<{ id: string; testId: string | null; text: string; tag: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { id: el?.id ?? '', testId: el?.getAttribute('data-testid') ?? null, text: (el?.textContent ?? '').trim().slice(0, 120), tag: el?.tagName ?? '' };
  });
}

/** Every visible form control in `selector` that has no accessible name from a label or ARIA. */
export function unlabelledControls(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!root) return [`no element matches ${sel}`];
    const controls = [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')];
    return controls
      .filter((el) => el.type !== 'hidden' && el.getClientRects().length > 0)
      .filter((el) => {
        const labelled = (el.labels?.length ?? 0) > 0 && [...(el.labels ?? [])].some((l) => (l.textContent ?? '').trim() !== '');
        const byAria = (el.getAttribute('aria-label') ?? '').trim() !== '' ||
          (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).some((id) => (document.getElementById(id)?.textContent ?? '').trim() !== '');
        return !labelled && !byAria;
      })
      .map((el) => `${el.tagName.toLowerCase()}[type=${el.getAttribute('type') ?? ''}][name=${el.getAttribute('name') ?? ''}][id=${el.id}]`);
  }, selector);
}
