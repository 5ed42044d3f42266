// The shapes of the REST API (src/Workspace.Server/API.md).

export type Role = 'facilitator' | 'member' | 'observer';
export type InvitationStatus = 'active' | 'expired' | 'revoked' | 'used-up';

export interface UserView { id: string; email: string; displayName: string; organisation: string; country: string; isAdmin: boolean }
export interface SessionView { authenticated: boolean; setupRequired: boolean; user: UserView | null }
export interface GroupSummary { id: string; name: string; thematicArea: string; myRole: Role | null; memberCount: number }
export interface GroupDetail {
  id: string; name: string; thematicArea: string; description: string; countries: string[]; languages: string[];
  createdAt: string; myRole: Role | null; canManage: boolean;
}
export interface Member { userId: string; displayName: string; organisation: string; country: string; role: Role; joinedAt: string }
export interface Invitation {
  id: string; role: Role; createdAt: string; expiresAt: string; maxUses: number; uses: number;
  status: InvitationStatus; createdByName: string; url: string | null;
}
export interface InvitationPreview { groupId: string; groupName: string; thematicArea: string; role: Role; status: InvitationStatus; expiresAt: string }
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
}
export interface DocumentChanges { documentId: string; operations: AppliedOperation[]; presence: Participant[]; left: string[]; summary: DocumentItem | null }
export interface RevisionItem { revision: number; at: string; authorId: string; authorName: string | null }
export interface RevisionView { revision: number; text: string; html: string }
export interface Preview { revision: number; html: string }
export interface Authorship { runs: { length: number; authorId: string }[]; authors: { id: string; name: string | null; colour: string }[] }
