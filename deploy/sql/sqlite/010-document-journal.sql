-- Workspace: the document journal (write-ahead log of document operations). A document grain
-- appends the operations it applied and acknowledges them once the journal's commit - shared by
-- every document on the node - has completed; it writes its whole state only every history chunk
-- and, on activation, replays the entries newer than that state. Entries covered by the stored
-- state are deleted. Idempotent.
CREATE TABLE IF NOT EXISTS WorkspaceDocumentJournal
(
    DocumentId   TEXT    NOT NULL,
    FromRevision INTEGER NOT NULL,
    ToRevision   INTEGER NOT NULL,
    Payload      BLOB    NOT NULL,
    PRIMARY KEY (DocumentId, FromRevision)
);
