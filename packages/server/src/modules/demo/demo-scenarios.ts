import { SCENARIO_CAST } from './demo-people.js';
import { MINUTE, type TicketPlan } from './demo-plan.js';

/**
 * The three acceptance stories, open on the queue where a visitor will find them:
 * the VP with nothing loading before the board, the "CFO" on chat, and the floor
 * that cannot print.
 */
export function planScenarioTickets(now: number): TicketPlan[] {
  const ago = (minutes: number) => Math.round(now - minutes * MINUTE);
  const [priya, tomasz, grace, kwame, lucia] = SCENARIO_CAST.floorThree;
  const vp = SCENARIO_CAST.vpSales;
  const cfo = SCENARIO_CAST.cfo;
  const plans: TicketPlan[] = [
    {
      type: 'incident', channel: 'desk', requester: vp, createdBy: 'Jamie Okonkwo', impact: 2, urgency: 1, createdAt: ago(3),
      subject: 'Nothing loads on her laptop; presenting to the board within the hour',
      description:
        'Phoned the desk. Marguerite cannot open webmail, the board pack link or the CRM: every page times out. ' +
        'She worked from home on the VPN early this morning and came in at eight. Stopping her work completely: yes. Others affected: she does not know.',
      steps: [
        { kind: 'take', by: 'Jamie Okonkwo', at: ago(2.8) },
        { kind: 'override', by: 'Jamie Okonkwo', priority: 'P1', reason: 'Her office confirmed she presents the quarter to the board at ten; there is no one to present in her place.', at: ago(2.5) },
        { kind: 'ack', by: 'Jamie Okonkwo', restatement: 'No web page or mail loads on Marguerite’s laptop since this morning’s VPN session; she presents to the board within the hour.', promiseAt: ago(-3.5), at: ago(1.5) },
        { kind: 'start', by: 'Jamie Okonkwo', at: ago(1.2) },
        { kind: 'note', by: 'Jamie Okonkwo', body: 'Intranet opens, external sites and mail time out, external addresses answer a ping: name resolution, not the link. Her neighbour on the same network is fine, so it is her machine. What changed: the VPN this morning, dropped by closing the lid.', at: ago(0.5) },
      ],
    },
    {
      type: 'incident', channel: 'portal', requester: 'Kofi Asante', createdBy: 'Kofi Asante', impact: 3, urgency: 1, createdAt: ago(3 * 24 * 60),
      subject: 'Websites stop loading every time my laptop wakes up',
      description: 'After lunch (laptop asleep, VPN was on) nothing outside loads. Internal wiki works. A restart fixes it until next time.',
      steps: [
        { kind: 'take', by: 'Lena Fischer', at: ago(3 * 24 * 60 - 20) },
        { kind: 'ack', by: 'Lena Fischer', restatement: 'Kofi loses external sites each time the laptop wakes from sleep with the VPN on; internal pages still work.', promiseAt: ago(3 * 24 * 60 - 260), at: ago(3 * 24 * 60 - 21) },
        { kind: 'start', by: 'Lena Fischer', at: ago(3 * 24 * 60 - 30) },
        { kind: 'restore', by: 'Lena Fischer', workaround: 'Disconnect the VPN from the tray, flush the DNS cache, reconnect. Sites load again.', at: ago(3 * 24 * 60 - 45) },
        { kind: 'assign', by: 'Lena Fischer', group: 'Network', note: 'VPN leaves its DNS servers on the adapter after sleep. Flush restores it; it comes back daily. Same as other tickets this week. Client build and adapter dump attached.', at: ago(3 * 24 * 60 - 50) },
        { kind: 'accept', by: 'Hiro Sato', at: ago(3 * 24 * 60 - 120) },
        { kind: 'note', by: 'Hiro Sato', body: 'Second report this week of the client not giving DNS back after the tunnel drops. Raising it with the client vendor; a knowledge article for tier 1 is worth writing now.', at: ago(3 * 24 * 60 - 150) },
        { kind: 'pend', by: 'Hiro Sato', reason: 'change', note: 'The client build that fixes this is booked for the next change window.', at: ago(2 * 24 * 60) },
      ],
    },
    {
      type: 'incident', channel: 'email', requester: 'Jonah Whitcombe', createdBy: 'Jonah Whitcombe', impact: 3, urgency: 2, createdAt: ago(30 * 60),
      subject: 'Internet gone after VPN disconnected',
      description: 'VPN dropped on the train and since then no website works, even on the office Wi-Fi. Teams shows offline.',
      steps: [
        { kind: 'take', by: 'Marco Bianchi', at: ago(29 * 60) },
        { kind: 'ack', by: 'Marco Bianchi', restatement: 'Jonah has had no external sites since the VPN dropped on the train; Teams offline.', promiseAt: ago(25 * 60), at: ago(29 * 60 - 1) },
        { kind: 'start', by: 'Marco Bianchi', at: ago(28 * 60) },
        { kind: 'note', by: 'Marco Bianchi', body: 'Same pattern as Kofi’s ticket earlier this week: the adapter keeps the VPN DNS servers after the tunnel is gone.', at: ago(28 * 60 - 5) },
        { kind: 'restore', by: 'Marco Bianchi', workaround: 'Clean VPN disconnect, DNS flush, reconnect; Jonah is browsing again.', at: ago(28 * 60 - 12) },
      ],
    },
    {
      type: 'service_request', channel: 'desk', requester: cfo, createdBy: 'Asha Verma', impact: 3, urgency: 1, createdAt: ago(47),
      subject: 'Chat asks for a password reset for Daniel Oyelaran (CFO): identity not verified',
      description:
        'Chat through the public support widget, not a signed-in session. The person says he is Daniel Oyelaran, the CFO, locked out minutes before an investor call. ' +
        'He wants the new password typed into the chat and asks us not to involve his assistant because there is no time.',
      steps: [
        { kind: 'take', by: 'Asha Verma', at: ago(46) },
        { kind: 'ack', by: 'Asha Verma', restatement: 'Someone on chat, giving the CFO’s name, wants his password reset and sent in the chat; identity not verified.', promiseAt: ago(16), at: ago(45) },
        { kind: 'note', by: 'Asha Verma', body: 'Stopped before any action. Signals: deadline pressure, claimed authority, secrecy (keep the assistant out), and a demand to send the secret over chat instead of the normal reset. Policy for a privileged account: two approvers and a callback to the number of record.', at: ago(43) },
        { kind: 'note', by: 'Asha Verma', body: 'Called the number in the directory: no answer; left no details. Told the chat a reset link only goes to the registered phone. Chat went quiet. Nothing reset, nothing unlocked.', at: ago(40) },
        { kind: 'assign', by: 'Asha Verma', group: 'Security', to: 'Callum Forde', note: 'Likely impersonation of the CFO. Transcript in the description; verification not passed; no action taken. Security ticket opened alongside.', at: ago(38) },
      ],
    },
    {
      type: 'incident', channel: 'desk', requester: 'Asha Verma', createdBy: 'Asha Verma', group: 'Security', impact: 2, urgency: 1, createdAt: ago(37),
      subject: 'Possible impersonation of the CFO over the support chat',
      description: 'From the chat reset request for Daniel Oyelaran: the chat user claimed to be the CFO, pushed for a password in the chat and to keep his assistant out of it. Callback to the number of record not answered. Nothing was reset.',
      steps: [
        { kind: 'take', by: 'Callum Forde', at: ago(30) },
        { kind: 'ack', by: 'Callum Forde', restatement: 'Suspected social-engineering attempt on the CFO’s account through the support chat; no change was made.', promiseAt: ago(-60), at: ago(29) },
        { kind: 'start', by: 'Callum Forde', at: ago(28) },
        { kind: 'note', by: 'Callum Forde', body: 'His account: no failed sign-ins, no lockout, MFA unchanged. Chat came from an address outside our ranges on an unmanaged browser. His assistant confirms he is in the building preparing for the board and never used the chat.', at: ago(15) },
      ],
    },
    {
      type: 'incident', channel: 'portal', requester: priya, createdBy: priya, impact: 3, urgency: 1, createdAt: ago(44 * 60),
      subject: 'Cannot print: jobs vanish on the 3rd floor printer',
      description: 'I send to PRN-3-EAST, it says printing, then the job disappears and nothing comes out. Month-end packs need printing today.',
      steps: [
        { kind: 'take', by: 'Lena Fischer', at: ago(43 * 60) },
        { kind: 'ack', by: 'Lena Fischer', restatement: 'Print jobs from Priya to PRN-3-EAST disappear without printing.', promiseAt: ago(39 * 60), at: ago(43 * 60 - 1) },
        { kind: 'start', by: 'Lena Fischer', at: ago(42 * 60) },
        { kind: 'note', by: 'Lena Fischer', body: 'The job reaches the print server and is dropped there: the spooler log shows the driver failing while rendering.', at: ago(41 * 60) },
        { kind: 'assign', by: 'Lena Fischer', group: 'Desktop Support', to: 'Tobias Reyes', note: 'PRN-3-EAST drops jobs at the print server (spooler log attached); laptop side fine; test page from another laptop also lost.', at: ago(40 * 60) },
        { kind: 'accept', by: 'Tobias Reyes', at: ago(38 * 60) },
        { kind: 'note', by: 'Tobias Reyes', body: 'Four tickets now, all PRN-3-EAST, all Finance on the 3rd floor. Same people print fine to PRN-4-WEST, so it is the queue on the print server, not their laptops. Its driver package was updated on the print server three days ago.', at: ago(3 * 60) },
        { kind: 'reply', by: 'Tobias Reyes', body: 'Several people on your floor have the same problem and it is on our print server, not your laptop. PRN-4-WEST on the 4th floor works in the meantime.', promiseAt: ago(-90), at: ago(2.5 * 60) },
      ],
    },
    {
      type: 'incident', channel: 'email', requester: tomasz, createdBy: tomasz, impact: 3, urgency: 2, createdAt: ago(30 * 60),
      subject: '3rd floor printer prints pages of symbols',
      description: 'Anything I print on the third floor printer comes out as pages of random characters. Half a ream gone already.',
      steps: [
        { kind: 'take', by: 'Marco Bianchi', at: ago(29 * 60) },
        { kind: 'ack', by: 'Marco Bianchi', restatement: 'Tomasz’s prints to PRN-3-EAST come out as pages of garbage characters.', promiseAt: ago(24 * 60), at: ago(29 * 60 - 1) },
        { kind: 'start', by: 'Marco Bianchi', at: ago(28 * 60) },
        { kind: 'restore', by: 'Marco Bianchi', workaround: 'Added PRN-4-WEST to Tomasz’s laptop; he printed his invoices there.', at: ago(27 * 60) },
      ],
    },
    {
      type: 'incident', channel: 'portal', requester: grace, createdBy: grace, impact: 3, urgency: 1, createdAt: ago(20 * 60),
      subject: '3rd floor printer shows "driver is unavailable"',
      description: 'My laptop says "Driver is unavailable" next to the third floor printer and will not print. I need signed copies for the auditors.',
      steps: [
        { kind: 'take', by: 'Jamie Okonkwo', at: ago(19 * 60) },
        { kind: 'ack', by: 'Jamie Okonkwo', restatement: 'Grace cannot print to PRN-3-EAST: "driver is unavailable"; audit copies waiting.', promiseAt: ago(60), at: ago(19 * 60 - 1) },
      ],
    },
    {
      type: 'incident', channel: 'portal', requester: kwame, createdBy: kwame, impact: 3, urgency: 2, createdAt: ago(2 * 60),
      subject: 'Cannot print on the third floor',
      description: 'Printing does nothing on the third floor printer since yesterday. Colleagues say theirs is broken too.',
      steps: [],
    },
    {
      type: 'incident', channel: 'portal', requester: lucia, createdBy: lucia, impact: 3, urgency: 3, createdAt: ago(26 * 60),
      subject: 'Prints from the 3rd floor printer are very faint',
      description: 'What does come out of the third floor printer is pale grey and streaky. The display says toner low.',
      steps: [
        { kind: 'take', by: 'Marco Bianchi', at: ago(25 * 60) },
        { kind: 'ack', by: 'Marco Bianchi', restatement: 'PRN-3-EAST prints faint and streaky; the printer reports low toner.', promiseAt: ago(12 * 60), at: ago(25 * 60 - 1) },
        { kind: 'note', by: 'Marco Bianchi', body: 'Not the same as the vanishing jobs on this queue: here the printer itself reports low toner. Keeping it separate.', at: ago(24 * 60) },
        { kind: 'pend', by: 'Marco Bianchi', reason: 'vendor', note: 'Black toner for PRN-3-EAST ordered from the supplier; the floor store is out.', at: ago(23 * 60) },
      ],
    },
  ];
  return plans;
}
