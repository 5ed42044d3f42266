-- Workspace: the document journal (write-ahead log of document operations). A document grain
-- appends the operations it applied and acknowledges them once the journal's commit - shared by
-- every document on the node - has completed; it writes its whole state only every history chunk
-- and, on activation, replays the entries newer than that state. Entries covered by the stored
-- state are deleted. A second activation of a document (during a cluster split) that appends the
-- same revisions fails on the primary key instead of forking the history. Idempotent.
CREATE TABLE IF NOT EXISTS WorkspaceDocumentJournal
(
    DocumentId   text    NOT NULL,
    FromRevision integer NOT NULL,
    ToRevision   integer NOT NULL,
    Payload      bytea   NOT NULL,
    PRIMARY KEY (DocumentId, FromRevision)
);
