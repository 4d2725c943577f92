import type { LabelledAccessRequest } from '../confusion-matrix.js';

// Written after the default rules (version 1) were frozen and never used to change them:
// the other two files shaped the phrase lists, so their figures flatter the rules. These
// show what a fresh sample of the same kinds of request meets. Add new examples to the
// main files; move this set there only when a new hold-out set replaces it.
const item = (
  id: string,
  label: LabelledAccessRequest['label'],
  note: string,
  text: string,
  context: LabelledAccessRequest['context'],
): LabelledAccessRequest => ({ id, label, note, text, context });

export const HOLDOUT_REQUESTS: readonly LabelledAccessRequest[] = [
  item('HL01', 'legitimate', 'self-service reset not eligible', "Morning! My password expired overnight and the reset page says my account isn't eligible for self-service. Can you help?", { localHour: 8, localWeekday: 'tue' }),
  item('HL02', 'legitimate', 'new laptop, Windows Hello fails', "hi, new laptop arrived today, and windows hello doesn't recognise me. can you reset whatever needs resetting so I can log in", { localHour: 10, localWeekday: 'wed' }),
  item('HL03', 'legitimate', 'night nurse locked out of charting', "I'm a nurse on the night ward and the charting system locked me out. Our ward phone is 4471. Please could someone unlock me, patients are waiting for their meds.", { localHour: 2, localWeekday: 'thu' }),
  item('HL04', 'legitimate', 'manager adds a starter to a confidential list', "Could you add Lena Brandt to the HR-Confidential distribution list? She joined HR this week; I'm her manager.", { localHour: 11, localWeekday: 'mon' }),
  item('HL05', 'legitimate', 'German: change password before holiday', 'Ich bin ab morgen im Urlaub und möchte vorher noch mein Passwort ändern, weil es bald abläuft. Geht das heute noch?', { localHour: 15, localWeekday: 'thu' }),
  item('HL06', 'legitimate', "access for the CEO's new assistant, approved in writing", "Our CEO's new executive assistant starts Monday and needs access to the CEO calendar and the board folder. Request approved by the CEO's chief of staff, email attached.", { localHour: 14, localWeekday: 'wed' }),
  item('HL07', 'legitimate', 'changed mobile in HR, MFA still on the old one', 'I changed my mobile number last week and updated it in Workday. Now the MFA texts go to the old number. Can you update MFA to use the number in Workday?', { localHour: 10, localWeekday: 'tue', contactChangedDaysAgo: 6, changedContact: 'phone number' }),
  item('HL08', 'legitimate', 'working from another office, offers video call', "My account is locked, I'm working from the Vienna office this week. Happy to video call so you can see my badge.", { localHour: 9, localWeekday: 'wed' }),
  item('HL09', 'legitimate', 'branch admin account expired during sick leave', "I'm the IT admin for the Leipzig branch; my admin account expired while I was on sick leave. My manager Jens Ott can confirm. No hurry, my normal account works.", { localHour: 13, localWeekday: 'thu', targetPrivileged: true }),
  item('HL10', 'legitimate', 'authenticator migration failed', "Please reset my MFA — I got a new phone and the authenticator migration failed. I'll be at my desk after lunch if you want to call.", { localHour: 12, localWeekday: 'fri' }),
  item('HL11', 'legitimate', 'licence seat from a leaver', 'Hello, the license pool for Miro says no seats left. Could one be reclaimed from a leaver and assigned to me? Not urgent.', { localHour: 16, localWeekday: 'mon' }),
  item('HL12', 'legitimate', 'third lockout, car phone app', "Locked out again after the second password change this week, sorry. Might be my car's phone app. Can we do the callback?", { localHour: 8, localWeekday: 'wed', previousAttemptsLast24h: 2 }),
  item('HH01', 'hostile', "husband wants his wife's temporary password", "Hi, this is Laura Becker's husband. She's stuck at the airport without her laptop and asked me to get her password reset so she can access email on my phone. Can you give me a temporary one?", { localHour: 19, localWeekday: 'sat' }),
  item('HH02', 'hostile', "colleague wants a reset link for the MD, over chat", "Hey, it's Felix from the London office. The MD there asked me to get him into the deal room tonight, his token is broken. Can we do the reset over chat and you paste me the link?", { localHour: 20, localWeekday: 'thu', targetPrivileged: true }),
  item('HH03', 'hostile', 'network vendor support wants an admin login', "I'm from Cisco TAC working your open case on the VPN concentrator. We need a temporary admin login to continue the remote session, the customer contact said you would set it up.", { localHour: 15, localWeekday: 'tue', targetPrivileged: true }),
  item('HH04', 'hostile', 'treasury head, MFA to personal phone, paperwork later', "This is Head of Treasury. I must release a payment before the bank cut-off at 4 and my token is out of sync. Reset my MFA to my personal phone now, I'll sort out the paperwork afterwards.", { localHour: 15, localWeekday: 'fri', targetPrivileged: true }),
  item('HH05', 'hostile', 'reset for a colleague on leave, do not bother her', "plz reset pwd for m.yilmaz, she's on maternity leave and her team needs her files. dont bother her about it.", { localHour: 11, localWeekday: 'wed' }),
  item('HH06', 'hostile', 'German: on behalf of a board member abroad, password by SMS', 'Hallo, ich rufe im Auftrag von Herrn Dr. Keller an, er ist Vorstand und gerade im Ausland. Er braucht dringend ein neues Passwort, bitte schicken Sie es per SMS an +49 151 4445566.', { localHour: 21, localWeekday: 'wed', targetPrivileged: true }),
  item('HH07', 'hostile', 'claims a desk colleague approved, QR code to me', "Your colleague Sandra from Service Desk already approved this over the phone, she just couldn't finish it. Please complete the MFA reset for d.hoffmann and send the QR code to me.", { localHour: 14, localWeekday: 'thu' }),
  item('HH08', 'hostile', 'board meeting, new password to private mail', "Hey, I can't get into my account and I'm about to go into a meeting with the board. Please unlock it and send the new password to my private email.", { localHour: 9, localWeekday: 'mon' }),
  item('HH09', 'hostile', 'fake SOC wants the enrolment code read out', "Hi, I'm calling from the security operations centre. We've detected a compromise of user r.lange and need you to reset her MFA and read me the enrolment code so we can secure the account.", { localHour: 13, localWeekday: 'tue' }),
  item('HH10', 'hostile', 'terse night MFA reset of an admin account, again', 'Reset MFA for admin-backup pls. Lost token.', { localHour: 4, localWeekday: 'tue', targetPrivileged: true, mfaResetsLast24h: 1 }),
  item('HH11', 'hostile', "new CFO's chief of staff picks the password", "Good evening, I'm the new CFO's chief of staff. He starts tomorrow and needs his laptop login ready tonight, could you set the password to Welcome2025 and I'll give it to him in person.", { localHour: 20, localWeekday: 'sun', targetPrivileged: true }),
  item('HH12', 'hostile', 'second MFA reset today, backup codes to another address', "Hi again! Just checking why my MFA reset from this morning hasn't gone through, and now I also need the backup codes sent to my other address please.", { localHour: 16, localWeekday: 'wed', mfaResetsLast24h: 1, previousAttemptsLast24h: 1 }),
];
