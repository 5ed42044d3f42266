-- Workspace: the Orleans AdoNet query catalogue on PostgreSQL (Orleans 10.4.x contract).
-- Orleans issues only the queries stored here, looked up by key. Idempotent.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
