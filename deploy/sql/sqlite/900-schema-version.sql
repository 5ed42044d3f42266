-- Workspace: the schema version this database holds (the server refuses a version it does not expect).
CREATE TABLE IF NOT EXISTS WorkspaceSchemaVersion (Version INTEGER NOT NULL);
DELETE FROM WorkspaceSchemaVersion;
INSERT INTO WorkspaceSchemaVersion (Version) VALUES (1);
