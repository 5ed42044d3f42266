-- Workspace: the schema version this database holds; the server checks it at start-up and in
-- /healthz. Idempotent upsert of a single row: extra rows are removed, the remaining row is set
-- to this version, and a row is added only when the table is empty (so there is never a
-- moment with no row).
CREATE TABLE IF NOT EXISTS WorkspaceSchemaVersion (Version INTEGER NOT NULL);

DELETE FROM WorkspaceSchemaVersion
WHERE rowid <> (SELECT MIN(rowid) FROM WorkspaceSchemaVersion);

UPDATE WorkspaceSchemaVersion SET Version = 5 WHERE Version <> 5;

INSERT INTO WorkspaceSchemaVersion (Version)
SELECT 5 WHERE NOT EXISTS (SELECT 1 FROM WorkspaceSchemaVersion);
