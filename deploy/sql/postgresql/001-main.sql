-- Workspace: the Orleans AdoNet query catalogue on PostgreSQL (Orleans 10.4.x contract,
-- invariant "Npgsql"). Every AdoNet provider (persistence, clustering, reminders) reads the
-- queries it issues from here by QueryKey; the later scripts upsert their rows. Idempotent.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
