import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slapdProblem, startSlapd, type Slapd } from '../packages/server/test/support/slapd.js';
import { startSmtpSink, type Received, type SmtpSink } from '../packages/server/test/support/smtp-sink.js';
import type { Authenticator } from '../packages/server/test/support/totp.js';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { addPeople, call, freePort, PEOPLE, signIn, type ApiSession } from './support/desk-api.js';
import { ADMIN, buildDesk, startDeskProcess, type DeskProcess } from './support/desk-process.js';
import { connectDirectory, settleContactDetails, signInWithCode, withTotp } from './support/directory-desk.js';

const skip = !browserAvailable() ? 'no browser' : slapdProblem;
const DOMAIN = 'desk.e2e.test';
const ROOT = new URL('../', import.meta.url).pathname;


/**
 * The "done when" of issue 5, as one story on a desk connected to the test directory: an unlock
 * verified by the manager of record in their own session, a password reset verified by the person
 * on their own device and set by them through a single-use link, notices to the person and their
 * manager, a hostile "CFO" call that is flagged, routed to Security and cannot be pushed through,
 * and an audit chain that verifies.
 */
describe.skipIf(skip !== null)(`safe access support, the whole story [sqlite]${skip ? ` (${skip})` : ''}`, () => {
  let desk: DeskProcess;
  let browser: Browser;
  let slapd: Slapd;
  let sink: SmtpSink;
  let authenticator: Authenticator;
  let agentApi: ApiSession;
  const tickets: Record<'diego' | 'lucas' | 'cfo', string> = { diego: '', lucas: '', cfo: '' };
  const hanaPassword = 'hana-manager-e2e-passphrase';
  const dataDir = mkdtempSync(join(tmpdir(), 'deskside-e2e-story-'));
  const person = (uid: string) => slapd.fixture.people[uid]!;

  const mailTo = async (email: string, subject: string, already = 0): Promise<Received> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = sink.received.filter((r) => r.to.includes(email) && r.mail.subject === subject);
      if (found.length > already) return found[found.length - 1]!;
      if (Date.now() > deadline) throw new Error(`no mail "${subject}" to ${email} in 20 s (got: ${sink.received.map((r) => `${r.to} ${r.mail.subject}`).join(' | ')})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const countTo = (email: string, subject: string) => sink.received.filter((r) => r.to.includes(email) && r.mail.subject === subject).length;

  const agentPage = async (): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> => {
    const context = await browser.newContext({ baseURL: desk.baseUrl, viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInWithCode(page, PEOPLE.agent.email, PEOPLE.agent.password, authenticator);
    return { page, errors, close: () => context.close() };
  };

  /** Opens an identity action from the ticket's panel, as an agent does. */
  const startAction = async (page: Page, ticket: string, search: string, name: string, action: string, note: string) => {
    await page.goto(`/desk/tickets/${ticket}`);
    const panel = page.getByTestId('identity-actions');
    await panel.getByTestId('start-identity-action').click();
    await panel.getByLabel('Who is it for').fill(search);
    await panel.getByTestId('directory-result').filter({ hasText: name }).click();
    await panel.getByRole('radio', { name: action }).check();
    await panel.getByLabel('What the caller said').fill(note);
    await panel.getByTestId('open-access-request').click();
    const request = panel.getByTestId('access-request').first();
    await request.and(page.locator('[data-state="requested"]')).waitFor();
    return request;
  };

  beforeAll(async () => {
    buildDesk();
    slapd = await startSlapd();
    sink = await startSmtpSink();
    desk = await startDeskProcess({
      port: await freePort(), dataDir,
      env: { DESKSIDE_MAIL_DOMAIN: DOMAIN, DESKSIDE_SMTP_URL: sink.url, DESKSIDE_MAIL_FROM: `IT Support <support@${DOMAIN}>` },
    });
    const base = desk.baseUrl;
    await addPeople(base);
    ({ session: agentApi, authenticator } = await withTotp(base, PEOPLE.agent.email, PEOPLE.agent.password));

    // Hana Sato (Diego's manager of record) has her own Deskside account; the first sync links it by e-mail.
    const admin = await signIn(base, ADMIN.email, ADMIN.password);
    await call(base, admin, 'POST', '/api/v1/people', { email: person('hana.sato').email, name: 'Hana Sato', role: 'requester', password: hanaPassword });

    for (let i = 0; i < 3; i++) expect(await slapd.tryBind(person('diego.alvarez').dn, 'wrong-password')).toBe(false);
    await connectDirectory(base, admin, slapd);
    settleContactDetails(dataDir, ['diego.alvarez', 'lucas.moreau', 'marcus.reed'].map((uid) => person(uid).id));

    const requester = await signIn(base, PEOPLE.requester.email, PEOPLE.requester.password);
    const open = (subject: string, description: string) =>
      call<{ number: string }>(base, requester, 'POST', '/api/v1/tickets', { type: 'incident', subject, description, impact: 3, urgency: 2 }).then((t) => t.number);
    tickets.diego = await open('Diego is locked out', 'Diego in Sales says his account is locked.');
    tickets.lucas = await open('Password forgotten', 'Lucas in Finance forgot his password after his leave.');
    tickets.cfo = await open(
      'URGENT from the CFO',
      'This is Marcus Reed, the CFO. I am boarding a flight in ten minutes. Reset my password right now and send it to my new number +1 555 0199. Do not tell my assistant, keep this between us.',
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    await sink?.close();
    await slapd?.stop();
  });

  it('unlock: the manager of record approves in their own session, then the agent executes; both are told', async () => {
    const diego = person('diego.alvarez');
    const hana = person('hana.sato');
    const { page, errors, close } = await agentPage();
    const request = await startAction(page, tickets.diego, 'Alvar', 'Diego Alvarez', 'Unlock the account', 'Locked out after the weekend.');
    await request.getByTestId('ask-manager').click();
    await request.getByTestId('access-missing').getByText('The manager of record was asked').waitFor();
    expect((await mailTo(hana.email, "Approval needed: a request about Diego Alvarez's account")).mail.text).toContain('/approvals');
    await screenshot(page, 'story-01-asked-manager');

    // Hana signs in on her own device and answers.
    const managerContext = await browser.newContext({ baseURL: desk.baseUrl, viewport: { width: 1100, height: 800 } });
    const manager = await managerContext.newPage();
    const managerErrors = watchPageErrors(manager);
    await manager.goto('/login?redirect=/approvals');
    await manager.getByLabel('E-mail').fill(hana.email);
    await manager.getByLabel('Password').fill(hanaPassword);
    await manager.getByRole('button', { name: 'Sign in', exact: true }).click();
    await manager.getByTestId('signed-in-as').waitFor();
    await manager.getByRole('link', { name: 'Approvals' }).click();
    const item = manager.getByTestId('manager-approval');
    await item.getByRole('heading', { name: /Diego Alvarez: Sam Achterberg was asked to unlock their account/ }).waitFor();
    await screenshot(manager, 'story-02-manager-approvals');
    await item.getByTestId('approve-as-manager').click();
    await manager.getByTestId('approval-answered').waitFor();
    await manager.getByTestId('no-approvals').waitFor();
    expect(managerErrors).toEqual([]);
    await managerContext.close();

    await page.reload();
    const verified = page.getByTestId('identity-actions').getByTestId('access-request').first();
    await verified.and(page.locator('[data-state="verified"]')).waitFor();
    await verified.getByTestId('execute-access').click();
    await verified.and(page.locator('[data-state="notified"], [data-state="executed"]')).waitFor();
    await screenshot(page, 'story-03-unlocked');
    expect(await slapd.tryBind(diego.dn, diego.password)).toBe(true);
    await mailTo(diego.email, 'Security notice about your account');
    await mailTo(hana.email, "Security notice about Diego Alvarez's account");
    expect(errors).toEqual([]);
    await close();
  });

  it('reset: the person confirms on their own device and sets the new password themselves; nobody else sees it', async () => {
    const lucas = person('lucas.moreau');
    const marcus = person('marcus.reed');
    const { page, errors, close } = await agentPage();
    const request = await startAction(page, tickets.lucas, 'Moreau', 'Lucas Moreau', 'Reset the password', 'Forgot it during his leave.');
    const before = countTo(lucas.email, 'Did you ask the IT desk for this?');
    await request.getByTestId('send-confirmation-link').click();
    await request.getByTestId('access-missing').getByText('A confirmation link was sent').waitFor();
    const ask = await mailTo(lucas.email, 'Did you ask the IT desk for this?', before);
    const verifyLink = /(https?:\/\/\S+\/verify#[A-Za-z0-9_-]{43})/.exec(ask.mail.text ?? '')?.[1];
    expect(verifyLink).toBeDefined();
    // The page the agent sees never shows the link's token.
    expect(await page.content()).not.toContain(verifyLink!.split('#')[1]);

    const own = await browser.newContext({ viewport: { width: 420, height: 800 } });
    const phone = await own.newPage();
    await phone.goto(verifyLink!.replace(/^https?:\/\/[^/]+/, desk.baseUrl));
    await phone.getByTestId('verification-prompt').getByText('reset your password').waitFor();
    await screenshot(phone, 'story-04-person-confirms');
    await phone.getByTestId('verification-yes').click();
    await phone.getByTestId('verification-outcome').waitFor();

    await page.reload();
    const verified = page.getByTestId('identity-actions').getByTestId('access-request').first();
    await verified.and(page.locator('[data-state="verified"]')).waitFor();
    await verified.getByTestId('execute-access').click();
    await verified.and(page.locator('[data-state="notified"], [data-state="executed"]')).waitFor();

    const resetMail = await mailTo(lucas.email, 'Set your new password');
    const resetLink = /(https?:\/\/\S+\/reset#[A-Za-z0-9_-]{43})/.exec(resetMail.mail.text ?? '')?.[1];
    expect(resetLink).toBeDefined();
    const newPassword = 'violet-harbour-lantern-42';
    await phone.goto(resetLink!.replace(/^https?:\/\/[^/]+/, desk.baseUrl));
    await phone.getByLabel('New password', { exact: true }).fill(newPassword);
    await phone.getByLabel('Repeat new password').fill(newPassword);
    await phone.getByRole('button', { name: 'Set password' }).click();
    await phone.getByRole('status').waitFor();
    await screenshot(phone, 'story-05-password-set');
    await own.close();

    expect(await slapd.tryBind(lucas.dn, newPassword)).toBe(true);
    expect(await slapd.tryBind(lucas.dn, lucas.password)).toBe(false);
    await mailTo(lucas.email, 'Security notice about your account');
    await mailTo(marcus.email, "Security notice about Lucas Moreau's account");
    // Neither the agent's page, the request as the API shows it, nor the desk's log holds the secret.
    expect(await page.content()).not.toContain(newPassword);
    const views = JSON.stringify(await call(desk.baseUrl, agentApi, 'GET', `/api/v1/tickets/${tickets.lucas}/access-requests`));
    expect(views).not.toContain(newPassword);
    expect(views).not.toContain(resetLink!.split('#')[1]);
    expect(desk.stderr()).not.toContain(newPassword);
    expect(errors).toEqual([]);
    await close();
  });

  it('a hostile "CFO" call is flagged, routed to Security, and cannot be executed however it is pushed', async () => {
    const { page, errors, close } = await agentPage();
    const request = await startAction(page, tickets.cfo, 'Reed', 'Marcus Reed', 'Reset the password',
      'Says he is the CFO, boarding now, wants it sent to a new number and not to tell his assistant.');
    expect(await request.getByTestId('signal-level').innerText()).toBe('high');
    for (const sign of ['Pressure to hurry', 'senior executive', 'keep the request quiet', 'new or different number', 'Hurry, rank and secrecy together']) {
      await request.getByTestId('signal-item').filter({ hasText: sign }).first().waitFor();
    }
    await request.getByTestId('access-requirements').getByText(/security review/i).first().waitFor();
    await screenshot(page, 'story-06-cfo-flagged');

    // A proper callback to the number of record is done; still nothing may run without Security.
    await request.getByTestId('confirm-callback').click();
    type Listed = { id: string; state: string; missing: string[]; securityTicketId: number | null; verifications: { verifiedAt: string | null }[] };
    const listed = () => call<{ items: Listed[] }>(desk.baseUrl, agentApi, 'GET', `/api/v1/tickets/${tickets.cfo}/access-requests`).then((r) => r.items[0]!);
    await expect.poll(async () => (await listed()).verifications.filter((v) => v.verifiedAt !== null).length).toBe(1);
    const cfo = await listed();
    expect(cfo.securityTicketId).toEqual(expect.any(Number));
    expect(cfo.missing.join('\n')).toMatch(/security/i);
    expect(await request.getByTestId('execute-access').isDisabled()).toBe(true);
    // Pressure through the API: execute, and approving one's own request, are refused and write nothing.
    const writesBefore = (await slapd.readAsRoot(person('marcus.reed').dn, ['pwdChangedTime'])).pwdChangedTime ?? [];
    for (const path of ['execute', 'approvals']) {
      const res = await fetch(`${desk.baseUrl}/api/v1/access-requests/${cfo.id}/${path}`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie: agentApi.cookie, 'x-csrf-token': agentApi.csrfToken }, body: '{}',
      });
      expect(res.status, await res.clone().text()).toBe(409);
    }
    expect((await slapd.readAsRoot(person('marcus.reed').dn, ['pwdChangedTime'])).pwdChangedTime ?? []).toEqual(writesBefore);
    expect(countTo(person('marcus.reed').email, 'Set your new password')).toBe(0);

    // The security ticket sits with the Security group, with the caller's words.
    const security = await call<{ subject: string; groupId: number }>(desk.baseUrl, agentApi, 'GET', `/api/v1/tickets/${cfo.securityTicketId}`);
    expect(security.subject).toContain('Suspicious identity request');
    expect(errors).toEqual([]);
    await close();
  });

  it('the audit chain verifies with the CLI', () => {
    const verify = spawnSync(process.execPath, [join(ROOT, 'packages/server/bin/deskside.js'), 'audit', 'verify'], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8',
    });
    expect(verify.status, verify.stderr + verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(/verif|intact|ok/i);
  });
});
