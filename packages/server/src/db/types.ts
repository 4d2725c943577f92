import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** The database as the application sees it; migrations never import this. */
export interface Database {
  users: UsersTable;
  groups: GroupsTable;
  group_members: { group_id: number; user_id: number };
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  api_tokens: ApiTokensTable;
  setup_tokens: { token_hash: string; created_at: number; used_at: number | null };
  settings: { key: string; value: string; updated_at: number };
  counters: { name: string; value: number };
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  calendars: CalendarsTable;
  sla_policies: SlaPoliciesTable;
  sla_marks: SlaMarksTable;
  person_events: PersonEventsTable;
  mail_messages: MailMessagesTable;
  mail_quarantine: MailQuarantineTable;
  mail_mailboxes: MailMailboxesTable;
  mail_mailbox_failures: MailMailboxFailuresTable;
  ticket_reply_tokens: { token: string; ticket_id: number; created_at: number };
  attachments: AttachmentsTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  person_totp: PersonTotpTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  mfa_challenges: MfaChallengesTable;
  signal_rule_sets: SignalRuleSetsTable;
  access_policies: AccessPoliciesTable;
  directory_connections: DirectoryConnectionsTable;
  directory_people: DirectoryPeopleTable;
  access_requests: AccessRequestsTable;
  access_verifications: AccessVerificationsTable;
  access_approvals: AccessApprovalsTable;
  password_reset_tokens: PasswordResetTokensTable;
  access_verification_tokens: AccessVerificationTokensTable;
  license_pools: LicensePoolsTable;
  license_seats: LicenseSeatsTable;
  timed_memberships: TimedMembershipsTable;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: 'requester' | 'agent' | 'lead' | 'admin';
  password_hash: string | null;
  phone: string | null;
  disabled_at: number | null;
  /** 1 for VIP requesters: SLA policies may select stricter targets for them. */
  vip: Generated<number>;
  /** Where the person works, as the desk names it; SLA policies may select by it. */
  site: string | null;
  /** The directory_people row this person is (decision 0033), matched by e-mail at sync. */
  directory_id: number | null;
  /** +1 on every admin change; If-Match compares against it. */
  version: Generated<number>;
  created_at: number;
  updated_at: number;
}
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;

/** The audit trail of changes to a person (decision 0021). */
export interface PersonEventsTable {
  id: Generated<number>;
  person_id: number;
  /** Null when the desk itself (CLI, setup, demo seed) made the change. */
  actor_id: number | null;
  type: string;
  /** JSON: what changed. */
  data: string;
  created_at: number;
}
export type PersonEventRow = Selectable<PersonEventsTable>;

export interface GroupsTable {
  id: Generated<number>;
  name: string;
  tier: number;
  description: string | null;
  created_at: number;
}
export type GroupRow = Selectable<GroupsTable>;

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  /** When this session passed the second step (TOTP or a recovery code); null: password only. */
  mfa_at: number | null;
}

/** A person's authenticator (decision 0032); activated_at is null until the first code confirms it. */
export interface PersonTotpTable {
  user_id: number;
  /** "plain:<base32>" or "aes-256-gcm:…" sealed with DESKSIDE_SECRET_KEY: never logged, never returned after enrolment. */
  secret: string;
  created_at: number;
  activated_at: number | null;
  /** The last 30-second step a code was accepted for: a code is never accepted twice. */
  last_step: number | null;
}
export type PersonTotpRow = Selectable<PersonTotpTable>;

export interface MfaRecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 of the normalised code. */
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

/** The password was right and a code is awaited: not a session. */
export interface MfaChallengesTable {
  id_hash: string;
  user_id: number;
  created_at: number;
  expires_at: number;
  failures: Generated<number>;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: number;
  locked_until: number | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}
export type ApiTokenRow = Selectable<ApiTokensTable>;

export interface TicketsTable {
  id: Generated<number>;
  number: string;
  type: 'incident' | 'service_request';
  subject: string;
  description: string;
  status: 'new' | 'acknowledged' | 'in_progress' | 'pending' | 'restored' | 'resolved' | 'closed';
  is_open: number;
  pending_reason: 'user' | 'vendor' | 'change' | null;
  impact: 1 | 2 | 3;
  urgency: 1 | 2 | 3;
  priority: number;
  priority_override: number | null;
  priority_override_reason: string | null;
  category: string | null;
  version: number;
  channel: 'portal' | 'desk' | 'api' | 'email';
  requester_id: number;
  created_by_id: number | null;
  group_id: number;
  assignee_id: number | null;
  accepted_at: number | null;
  accepted_by_id: number | null;
  acknowledged_at: number | null;
  restatement: string | null;
  next_update_at: number | null;
  restored_at: number | null;
  workaround: string | null;
  resolved_at: number | null;
  symptom: string | null;
  cause: string | null;
  resolution: string | null;
  closed_at: number | null;
  confirmed_at: number | null;
  auto_close_at: number | null;
  reopen_count: number;
  due_at: number;
  /** The SLA policy chosen at creation; NULL (older tickets): the default policy applies. */
  sla_policy_id: number | null;
  created_at: number;
  updated_at: number;
}
export type TicketRow = Selectable<TicketsTable>;
export type NewTicketRow = Insertable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;

export interface TicketEventsTable {
  id: Generated<number>;
  ticket_id: number;
  type: string;
  visibility: 'public' | 'internal';
  actor_id: number | null;
  body: string | null;
  data: string;
  created_at: number;
}
export type TicketEventRow = Selectable<TicketEventsTable>;

export interface IdempotencyKeysTable {
  actor_id: number;
  key: string;
  request_hash: string;
  ticket_id: number;
  created_at: number;
}

export type JobStatus = 'ready' | 'running' | 'done' | 'dead';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  /** JSON text, validated by the kind's schema when enqueued and again when run. */
  payload: string;
  status: JobStatus;
  run_at: number;
  attempts: Generated<number>;
  /** NULL: the engine's configured default. */
  max_attempts: number | null;
  last_error: string | null;
  locked_by: string | null;
  lease_until: number | null;
  dedupe_key: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}
export type JobRow = Selectable<JobsTable>;

export interface NotificationsTable {
  id: Generated<number>;
  person_id: number;
  ticket_id: number | null;
  kind: string;
  title: string;
  body: string | null;
  /** What caused it; unique per person, so a repeated notify job adds nothing. */
  source_key: string;
  created_at: number;
  read_at: number | null;
}
export type NotificationRow = Selectable<NotificationsTable>;

export interface CalendarsTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  always_open: number;
  /** JSON of WeeklyHours. */
  hours: string;
  /** JSON of Holiday[]. */
  holidays: string;
  version: number;
  created_at: number;
  updated_at: number;
}
export type CalendarRow = Selectable<CalendarsTable>;

export interface SlaPoliciesTable {
  id: Generated<number>;
  name: string;
  calendar_id: number;
  /** JSON of targets per priority, in business minutes. */
  targets: string;
  /** JSON array of pending reasons. */
  paused_pending_reasons: string;
  warn_at_fraction: number;
  /** JSON of SlaConditions. */
  conditions: string;
  /** JSON of SlaEscalation; '{}' means notify only. */
  escalation: Generated<string>;
  position: number;
  is_default: number;
  version: number;
  created_at: number;
  updated_at: number;
}
export type SlaPolicyRow = Selectable<SlaPoliciesTable>;

/** One SLA stage acted on: unique per ticket, target, stage and due instant (decision 0020). */
export interface SlaMarksTable {
  id: Generated<number>;
  ticket_id: number;
  /** An SLA target name. */
  target: string;
  /** warning | breach | silent | escalated */
  stage: string;
  /** The due instant the stage is about (epoch ms); 0 for the once-per-target escalation. */
  due_at: number;
  created_at: number;
}

/** One e-mail the desk sent or received (decision 0023); Message-IDs are stored without brackets. */
export interface MailMessagesTable {
  id: Generated<number>;
  direction: 'out' | 'in';
  ticket_id: number | null;
  person_id: number | null;
  message_id: string;
  in_reply_to: string | null;
  /** Message-IDs separated by single spaces, oldest first. */
  references: string | null;
  from_address: string | null;
  to_address: string | null;
  reply_to: string | null;
  subject: string;
  body_text: string | null;
  body_html: string | null;
  kind: string;
  /** RFC 3834 value: 'auto-generated' or 'no'. */
  auto_submitted: string;
  /** Outbound: queued | sent | failed | skipped. */
  status: string;
  source_key: string | null;
  created_at: number;
  sent_at: number | null;
  last_error: string | null;
  /** Inbound: the desk mailbox it reached (the plus part removed). */
  mailbox: string | null;
  /** Inbound: the content hash, to tell a duplicate from a conflict. */
  content_hash: string | null;
}
export type MailMessageRow = Selectable<MailMessagesTable>;

/** Inbound mail the desk could not or would not file (decision 0024). */
export interface MailQuarantineTable {
  id: Generated<number>;
  mailbox: string;
  dedupe_key: string | null;
  raw_sha256: string;
  reason: string;
  raw: Buffer;
  raw_size: number;
  attempts: number;
  created_at: number;
  last_attempt_at: number;
}

/** A file on a ticket event (decision 0026); the bytes are in the blob store under sha256. */
export interface AttachmentsTable {
  id: Generated<number>;
  ticket_id: number;
  event_id: number;
  mail_message_id: number | null;
  sha256: string;
  /** Normalised, safe to show and to offer as a download name. */
  filename: string;
  /** The sender's name verbatim: audit only, never shown as a name or used as a path. */
  original_filename: string | null;
  content_type: string;
  size: number;
  /** 1 for a part shown inside the message (cid:), 0 for an attachment proper. */
  inline: number;
  content_id: string | null;
  created_at: number;
  created_by_id: number | null;
}
export type AttachmentRow = Selectable<AttachmentsTable>;

/** An existing IMAP mailbox the desk polls (decision 0025); the password never leaves the server. */
export interface MailMailboxesTable {
  id: Generated<number>;
  address: string;
  host: string;
  port: number;
  tls_mode: 'tls' | 'starttls' | 'none';
  allow_insecure: number;
  username: string;
  password: string;
  folder: string;
  after_filing: 'flag' | 'move';
  move_to: string | null;
  enabled: number;
  version: number;
  created_at: number;
  updated_at: number;
  last_poll_at: number | null;
  last_error: string | null;
  last_uid_validity: number | null;
  last_uid: number | null;
  filed_count: Generated<number>;
  lease_owner: string | null;
  lease_until: number | null;
}
export type MailMailboxRow = Selectable<MailMailboxesTable>;

/** Failed ingests of one message of a polled mailbox; the third sends it to quarantine. */
export interface MailMailboxFailuresTable {
  mailbox_id: number;
  uid_validity: number;
  uid: number;
  attempts: number;
  last_error: string | null;
  updated_at: number;
}

/** The identity actions' hash chain (decision 0031): append-only, guarded by triggers. */
export interface AuditLogTable {
  /** 1..n without gaps: the position in the chain. */
  seq: number;
  prev_hash: string;
  /** SHA-256 hex of prev_hash followed by entry. */
  hash: string;
  /** The entry's canonical JSON, exactly the bytes the hash covers. */
  entry: string;
}
export type AuditLogRow = Selectable<AuditLogTable>;

/** One row (id 1): the chain's last seq and hash; PostgreSQL appends lock it. */
export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** The directory the desk syncs people of record from (decision 0033); one row for now. */
export interface DirectoryConnectionsTable {
  id: Generated<number>;
  kind: 'ldap' | 'manual';
  /** JSON: the LDAP settings without the bind password. */
  config: string;
  /** Sealed by secret-box; never returned, never logged. */
  bind_password: string | null;
  enabled: number;
  sync_interval_minutes: number;
  version: number;
  created_at: number;
  updated_at: number;
  last_sync_status: 'running' | 'succeeded' | 'failed' | null;
  last_sync_started_at: number | null;
  last_sync_finished_at: number | null;
  last_sync_seen: Generated<number>;
  last_sync_added: Generated<number>;
  last_sync_updated: Generated<number>;
  last_sync_disabled: Generated<number>;
  last_sync_gone: Generated<number>;
  last_sync_error: string | null;
}
export type DirectoryConnectionRow = Selectable<DirectoryConnectionsTable>;

/** A person of record as the last sync read them, with contact change times (decision 0030). */
export interface DirectoryPeopleTable {
  id: Generated<number>;
  connection_id: number;
  immutable_id: string;
  dn: string | null;
  name: string;
  email: string | null;
  email_lower: string | null;
  phone: string | null;
  manager_immutable_id: string | null;
  disabled: number;
  locked: number;
  privileged: number;
  /** JSON: [{ id, name, nested }] */
  groups: string;
  entry_modified_at: number | null;
  email_fingerprint: string | null;
  email_changed_at: number;
  email_previous: string | null;
  phone_fingerprint: string | null;
  phone_changed_at: number;
  phone_previous: string | null;
  contact_observed_at: number;
  first_seen_at: number;
  last_synced_at: number;
  gone_at: number | null;
}
export type DirectoryPersonRow = Selectable<DirectoryPeopleTable>;

/** A published version of the social-engineering signal rules (decision 0034): append-only. */
export interface SignalRuleSetsTable {
  version: number;
  /** The SignalRuleSet as JSON; its "version" equals the row's. */
  rule_set: string;
  note: string;
  created_at: number;
  created_by_id: number | null;
}
export type SignalRuleSetRow = Selectable<SignalRuleSetsTable>;

/** A published version of the access policy for identity actions (decision 0038): append-only. */
export interface AccessPoliciesTable {
  version: number;
  /** The AccessPolicy as JSON, defaults filled in. */
  policy: string;
  /** SHA-256 hex of the policy's canonical JSON; the publish's audit entry carries the same. */
  content_hash: string;
  note: string;
  published_at: number;
  published_by_id: number | null;
}
export type AccessPolicyRow = Selectable<AccessPoliciesTable>;

/** An identity-action request (decision 0035); the pure state machine of decision 0029 decides every move. */
export interface AccessRequestsTable {
  id: string;
  ticket_id: number;
  /** JSON: the AccessAction. */
  action: string;
  action_type: string;
  target_person_id: number;
  target_immutable_id: string;
  target_tier: 'standard' | 'privileged';
  requester_id: number;
  /** The requester as the gate compares parties: their directory id when linked, else desk:<id>. */
  requester_party: string;
  state: string;
  version: number;
  methods_required: number;
  approvers_required: number;
  /** JSON: GateRequirements, fixed at open. */
  requirements: string;
  /** JSON: { signals, requirements } from the scorer. */
  signals: string;
  signal_score: number;
  signal_level: string;
  rule_set_version: number;
  /** The access policy version the requirements were fixed from (0: built in); null before it was kept. */
  policy_version: Generated<number | null>;
  execution_attempts: number;
  created_at: number;
  updated_at: number;
  expires_at: number;
  executed_at: number | null;
  notified_at: number | null;
  outcome_detail: string | null;
  /** The security ticket opened when Security was alerted about this request (migration 020). */
  security_ticket_id: number | null;
  /** The written reason of a break-glass request; null otherwise. */
  break_glass_reason: Generated<string | null>;
  /** JSON string[]: the steps a manual write answered with (decision 0043); null when the directory wrote. */
  manual_steps: Generated<string | null>;
}
export type AccessRequestRow = Selectable<AccessRequestsTable>;

/** A verification bound to one request, target and action; the evidence is words, never a secret. */
export interface AccessVerificationsTable {
  id: string;
  request_id: string;
  method: string;
  /** JSON array of desk person ids. */
  verifier_ids: string;
  evidence: string;
  /** JSON: the method's facts for the pure check. */
  facts: string;
  target_immutable_id: string;
  action_type: string;
  /** Null while an in-person check waits for its second agent. */
  verified_at: number | null;
  expires_at: number | null;
  created_at: number;
}
export type AccessVerificationRow = Selectable<AccessVerificationsTable>;

export interface AccessApprovalsTable {
  id: Generated<number>;
  request_id: string;
  approver_id: number;
  at: number;
  /** 1 when the approver was a member of the Security group when they approved. */
  security_reviewer: Generated<number>;
}
export type AccessApprovalRow = Selectable<AccessApprovalsTable>;

/** A single-use password reset link (decision 0036): only the token's SHA-256 is kept, never the token. */
export interface PasswordResetTokensTable {
  id: string;
  request_id: string;
  target_person_id: number;
  target_immutable_id: string;
  /** Null until the send job minted the token. */
  token_hash: string | null;
  mail_message_id: number | null;
  created_at: number;
  expires_at: number;
  sent_at: number | null;
  used_at: number | null;
}
export type PasswordResetTokenRow = Selectable<PasswordResetTokensTable>;

/** A single-use verification link for the directory_otp method: only the token's SHA-256 is kept, never the token. */
export interface AccessVerificationTokensTable {
  id: string;
  request_id: string;
  verification_id: string;
  target_person_id: number;
  target_immutable_id: string;
  action_type: string;
  sent_by: number;
  /** Null until the send job minted the token. */
  token_hash: string | null;
  mail_message_id: number | null;
  created_at: number;
  expires_at: number;
  sent_at: number | null;
  used_at: number | null;
  /** yes | no | superseded; null while unused. */
  answer: string | null;
}
export type AccessVerificationTokenRow = Selectable<AccessVerificationTokensTable>;

/** A licence pool (decision 0040): desk data, optionally granted through a directory group. */
export interface LicensePoolsTable {
  id: Generated<number>;
  name: string;
  product: string;
  seat_count: number;
  /** The directory group whose members hold the licence; null: the pool is a ledger only. */
  group_immutable_id: string | null;
  group_name: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}
export type LicensePoolRow = Selectable<LicensePoolsTable>;

/** One seat of a pool, claimed by an assign request; in use while released_at is null. */
export interface LicenseSeatsTable {
  id: Generated<number>;
  pool_id: number;
  seat_no: number;
  holder_person_id: number;
  holder_immutable_id: string;
  request_id: string;
  assigned_at: number;
  released_at: number | null;
  release_request_id: string | null;
}
export type LicenseSeatRow = Selectable<LicenseSeatsTable>;

/** A time-bound group membership the desk granted (decision 0039); the expiry job removes it once. */
export interface TimedMembershipsTable {
  id: Generated<number>;
  request_id: string;
  target_immutable_id: string;
  group_id: string;
  expires_at: number;
  state: 'active' | 'removing' | 'removed' | 'superseded';
  /** removed | already_removed, or what superseded it (e.g. "request <id>"). */
  ended_how: string | null;
  /** While 'removing': the claim's lease; after it another run may take the row over. */
  claimed_until: number | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  removed_at: number | null;
}
export type TimedMembershipRow = Selectable<TimedMembershipsTable>;
