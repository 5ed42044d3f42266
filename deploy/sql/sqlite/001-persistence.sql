-- Workspace: Orleans AdoNet grain persistence on SQLite (Orleans 10.4.x storage contract;
-- invariant "System.Data.SQLite", which Orleans loads as Microsoft.Data.Sqlite).
-- Idempotent: safe to run on every start. Orleans reads the queries below from OrleansQuery by
-- key (WriteToStorageKey, ReadFromStorageKey, ClearStorageKey, and DeleteStorageKey when
-- DeleteStateOnClear is set) and binds @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
-- @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion and @PayloadBinary.

-- WAL lets readers proceed while one writer commits; the setting persists in the file.
PRAGMA journal_mode = WAL;

-- The catalogue Orleans reads its queries from.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- One row per grain state. Grain id and type are hashed to narrow integers for look-ups;
-- the clear-text columns tell hash collisions apart. Only PayloadBinary is stored: Orleans
-- 10.x serialises state with the configured IGrainStorageSerializer into that column.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    ModifiedOn             TEXT    NOT NULL,
    Version                INTEGER NULL
);

-- Unique over the whole grain key, hashes first so that look-ups stay narrow. IFNULL makes
-- "no key extension" one value, so the index can serve as the upsert conflict target below.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, IFNULL(GrainIdExtensionString, ''), ServiceId);

-- Write with optimistic concurrency in one statement. A first write (@GrainStateVersion NULL)
-- inserts version 1; a later write updates only when the stored version is the one the grain
-- holds, and never re-creates a row that has gone. Returns the new version, or the version the
-- grain held when nothing was written; no row when a first write met an existing row (Orleans
-- raises InconsistentStateException in both failure cases).
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary, strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), 1
    WHERE @GrainStateVersion IS NULL
       OR EXISTS (
            SELECT 1 FROM OrleansStorage
            WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
              AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
              AND GrainTypeString = @GrainTypeString
              AND IFNULL(GrainIdExtensionString, '''') = IFNULL(@GrainIdExtensionString, '''')
              AND ServiceId = @ServiceId)
    ON CONFLICT (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, IFNULL(GrainIdExtensionString, ''''), ServiceId)
    DO UPDATE SET
        PayloadBinary = excluded.PayloadBinary,
        ModifiedOn = excluded.ModifiedOn,
        Version = OrleansStorage.Version + 1
    WHERE OrleansStorage.Version = @GrainStateVersion;

    SELECT CASE WHEN changes() > 0 THEN IFNULL(@GrainStateVersion + 1, 1) ELSE @GrainStateVersion END AS NewGrainStateVersion
    WHERE changes() > 0 OR @GrainStateVersion IS NOT NULL;
');

-- Payload and version. A row whose payload is NULL (cleared) still returns its version, which
-- Orleans keeps as the ETag for the next write.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND IFNULL(GrainIdExtensionString, '''') = IFNULL(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId
    LIMIT 1;
');

-- Clearing keeps the row (payload NULL, version + 1) so versions never go backwards.
-- Returns the new version, or the grain's version when the stored one differs.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND IFNULL(GrainIdExtensionString, '''') = IFNULL(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion;

    SELECT CASE WHEN changes() > 0 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END AS NewGrainStateVersion
    WHERE @GrainStateVersion IS NOT NULL;
');

-- Used instead of ClearStorageKey only when AdoNetGrainStorageOptions.DeleteStateOnClear is
-- true: removes the row when the version matches. Orleans only checks that the value returned
-- differs from the grain's version (it then forgets the ETag), so success returns version + 1.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND IFNULL(GrainIdExtensionString, '''') = IFNULL(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion;

    SELECT CASE WHEN changes() > 0 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END AS NewGrainStateVersion
    WHERE @GrainStateVersion IS NOT NULL;
');
