// The shapes of the REST API (src/Workspace.Server/API.md).

export type Role = 'facilitator' | 'member' | 'observer';
export type InvitationStatus = 'active' | 'expired' | 'revoked' | 'used-up';

export interface UserView { id: string; email: string; displayName: string; organisation: string; country: string; isAdmin: boolean; organisationId?: string | null; organisationTie?: 'pending' | 'confirmed' | null; emailConfirmed?: boolean; language?: string | null }
/** Someone the administrator may choose (e.g. as a facilitator). */
export interface PersonChoice { id: string; displayName: string; organisation: string; country: string; email: string; emailConfirmed: boolean }
/** `liveKeepAliveMs`: how often the server pings a quiet live connection (silence for a few of these means the connection is lost). */
export interface SessionView { authenticated: boolean; setupRequired: boolean; user: UserView | null; secondFactorEnrolmentRequired?: boolean; liveKeepAliveMs?: number }
export interface GroupSummary { id: string; name: string; thematicArea: string; myRole: Role | null; memberCount: number }
export interface GroupDetail {
  id: string; name: string; thematicArea: string; description: string; countries: string[]; languages: string[];
  createdAt: string; myRole: Role | null; canManage: boolean; observersSeeNames: boolean;
}
/** `userId` and `displayName` are null for an observer of a group that hides names. */
export interface Member { userId: string | null; displayName: string | null; organisation: string; country: string; role: Role; joinedAt: string }
export interface Invitation {
  id: string; role: Role; createdAt: string; expiresAt: string; maxUses: number; uses: number;
  status: InvitationStatus; createdByName: string; url: string | null; email?: string | null; language?: string | null;
}
export interface InvitationPreview { groupId: string; groupName: string; thematicArea: string; role: Role; status: InvitationStatus; expiresAt: string; email?: string | null }
export interface AuditEntry { at: string; actorName: string; action: string; subjectName: string | null; detail: string | null }
export interface Registration { user: UserView; group: GroupSummary }

export type Visibility = 'members' | 'observers';
export type ClosedReason = 'removed' | 'no-longer-visible' | 'deleted';
export interface DocumentItem { id: string; groupId: string; title: string; visibility: Visibility; locked: boolean; createdAt: string; createdByName: string }
export interface Participant { sessionId: string; userId: string; displayName: string; organisation: string; role: Role; colour: string; anchor: number; head: number }
export interface AppliedOperation { revision: number; operation: (number | string)[]; clientId: string; sequence: number; authorId: string; at: string }
export interface OpenedDocument {
  summary: DocumentItem; text: string | null; revision: number; since: AppliedOperation[] | null; role: Role; canEdit: boolean;
  sessionId: string; participants: Participant[]; maxLength: number;
  /** Sessions that left in the last minute (a server before this field sends none). */
  departed?: string[];
  /** Which activation of the document answered (a server before this field sends none). */
  epoch?: string;
}
export interface DocumentChanges { documentId: string; operations: AppliedOperation[]; presence: Participant[]; left: string[]; summary: DocumentItem | null; epoch?: string }
export interface RevisionItem { revision: number; at: string; authorId: string; authorName: string | null }
export interface RevisionView { revision: number; text: string; html: string }
export interface Preview { revision: number; html: string }
export interface Authorship { runs: { length: number; authorId: string }[]; authors: { id: string; name: string | null; colour: string }[] }

export type RecommendationStatus = 'draft' | 'under-discussion' | 'proposed-for-adoption' | 'adopted' | 'withdrawn';
export type FollowUpStatus = 'not-started' | 'in-progress' | 'partially-implemented' | 'implemented' | 'no-information';
export type Stance = 'support' | 'support-with-reservations' | 'oppose';
export type PollChoice = 'agree' | 'abstain' | 'disagree' | 'block';
export type AmendmentStatus = 'open' | 'accepted' | 'rejected';
export type RecommendationChange = 'created' | 'updated' | 'status' | 'comment' | 'amendment' | 'stance' | 'poll' | 'follow-up' | 'reminder';

/** Someone as the reader may see them: observers get only the organisation unless the group shows authors. */
export interface Person { id: string | null; name: string | null; organisation: string }
export interface RecommendationFacts {
  title: string; thematicArea: string; articles: string[]; addressees: string[]; countries: string[]; visibility: Visibility;
}
export interface RecommendationItem extends RecommendationFacts {
  id: string; groupId: string; bodyId: string; status: RecommendationStatus; createdAt: string; updatedAt: string;
  followUp: Record<string, FollowUpStatus>; reviewDate: string | null; followUpDue: boolean;
}
export interface PollTally { agree: number; abstain: number; disagree: number; block: number; total: number }
export interface CommentView {
  id: string; parentId: string | null; author: Person; markdown: string | null; html: string | null; at: string; editedAt: string | null;
  deleted: boolean; hidden: boolean; hiddenReason: string | null; mine: boolean;
}
export interface AmendmentView {
  id: string; proposedBy: Person; at: string; revision: number; from: number; to: number; original: string; replacement: string; reason: string;
  status: AmendmentStatus; outdated: boolean; decidedBy: Person | null; decidedAt: string | null; decisionReason: string | null; appliedRevision: number | null;
  /** The text just before and after the range when it was proposed (absent for amendments stored before this was kept). */
  contextBefore?: string | null; contextAfter?: string | null;
}
export interface StanceView { organisation: string; stance: Stance; note: string | null; by: Person; at: string; organisationId?: string | null }
export interface PollView {
  id: string; question: string; openedAt: string; closedAt: string | null; open: boolean; tally: PollTally;
  votes: { by: Person; choice: PollChoice; reason: string | null; at: string }[]; myChoice: PollChoice | null;
}
export interface FollowUpUpdate { id: string; status: FollowUpStatus; date: string; note: string; evidence: string[]; reportedBy: Person; recordedAt: string }
export interface RecommendationDetail {
  recommendation: RecommendationItem;
  createdBy: Person;
  transitions: { from: RecommendationStatus; to: RecommendationStatus; by: Person; at: string }[];
  adoption: { by: Person; at: string; poll: PollTally | null } | null;
  comments: CommentView[];
  amendments: AmendmentView[];
  stances: StanceView[];
  stanceTally: { support: number; supportWithReservations: number; oppose: number };
  polls: PollView[];
  followUp: { country: string; status: FollowUpStatus; updates: FollowUpUpdate[] }[];
  reminders: { reviewDate: string; remindedAt: string; countries: string[] }[];
  myRole: Role;
  allowedTransitions: RecommendationStatus[];
}
export interface RecommendationChanged { groupId: string; recommendationId: string; change: RecommendationChange; recommendation: RecommendationItem }
/** `at`: the `updatedAt` of the change that hid it. */
export interface RecommendationRemoved { groupId: string; recommendationId: string; at: string }

// Facilitated sessions. The server calls the live view `SessionView`; here it is `SessionDetail`,
// because `SessionView` above is who is signed in.
export type SessionStatus = 'scheduled' | 'live' | 'ended';
export type AgendaTarget = 'document' | 'recommendation';
export type QuestionStatus = 'open' | 'answered' | 'dismissed';
export interface SessionSummary { id: string; groupId: string; title: string; scheduledStart: string; status: SessionStatus }
/** An item without `target` and `targetId` is a title and a time box ("Welcome", "Any other business"). */
export interface AgendaItemInput { title: string; target?: AgendaTarget; targetId?: string; minutes: number }
export interface AgendaItemView { id: string; title: string | null; target: AgendaTarget | null; targetId: string | null; minutes: number; hidden: boolean }
export interface HandView { person: Person; role: Role; pointOfOrder: boolean; raisedAt: string; mine: boolean }
export interface AttendanceView { person: Person; role: Role; joinedAt: string; present: boolean; mine: boolean }
export interface SessionPollView {
  id: string; item: number; recommendationId: string | null; question: string; open: boolean;
  tally: Omit<PollTally, 'total'> & { total?: number }; myChoice: PollChoice | null;
}
export interface QuestionView {
  id: string; author: Person; authorRole: Role; text: string; at: string; upvotes: number; upvotedByMe: boolean; mine: boolean;
  status: QuestionStatus; pinned: boolean;
  /** The facilitator's note of the answer (answered questions only); the minutes print it. */
  answerNote?: string | null;
}
export interface SessionDetail {
  id: string; groupId: string; title: string; scheduledStart: string; status: SessionStatus;
  agenda: AgendaItemView[]; currentItem: number | null; itemStartedAt: string | null; itemEndsAt: string | null; serverNow: string;
  queue: HandView[]; floor: HandView | null; observersMayQueue: boolean; attendance: AttendanceView[];
  myRole: Role; myId: string; present: { person: Person; role: Role; mine: boolean }[];
  poll: SessionPollView | null; questions: QuestionView[]; questionsOpen: boolean; minutesDocumentId: string | null;
  /** Set while the item's countdown is paused: the time left is `itemEndsAt − itemPausedAt`, frozen. */
  itemPausedAt: string | null; itemExtraMinutes: number;
  /** The speaking-time limit (seconds, null: none) and the current turn's start and end under it (shown, never enforced). */
  speakingLimitSeconds: number | null; floorSince: string | null; floorEndsAt: string | null;
}
export type SessionClosedReason = 'removed' | 'gone';

/** GET /api/admin/cluster: the cluster's nodes and activations, and the answering node's metrics. */
export interface MetricValue {
  name: string; kind: 'counter' | 'up-down-counter' | 'gauge' | 'histogram'; unit: string; description: string; tags: Record<string, string>;
  value?: number; count?: number; sum?: number; min?: number; max?: number; p50?: number; p95?: number;
}
export interface SiloView { address: string; name: string; hostName: string; status: string; startedAt: string; lastAlive: string; activations: number; thisNode: boolean }
export interface ClusterView { node: string; collectedAt: string; silos: SiloView[]; activations: { grainType: string; activations: number }[]; metrics: MetricValue[] }

/** The answer to a forgot-password request: the same for every email. */
export interface ForgotPasswordView { mailConfigured: boolean }

/** One message in the outbox, without its content. */
export interface OutboxEntry {
  id: string; to: string; kind: string; language: string; status: 'queued' | 'failed' | 'sent';
  createdAt: string; attempts: number; lastError: string | null; nextAttemptAt: string | null; sentAt: string | null;
}
export interface OutboxView { isConfigured: boolean; queued: OutboxEntry[]; failed: OutboxEntry[]; sent: OutboxEntry[] }
export interface PasswordResetLinkView { url: string; expiresAt: string }
