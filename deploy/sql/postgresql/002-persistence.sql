-- Workspace: Orleans AdoNet grain persistence on PostgreSQL (Orleans 10.4.x storage contract,
-- invariant "Npgsql"). Idempotent. Orleans reads WriteToStorageKey, ReadFromStorageKey,
-- ClearStorageKey and (only with DeleteStateOnClear) DeleteStorageKey from OrleansQuery and binds
-- @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
-- @ServiceId, @GrainStateVersion and @PayloadBinary. Payloads are written by the configured
-- IGrainStorageSerializer as bytes (PayloadBinary); 10.x reads no JSON/XML columns.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamp without time zone NOT NULL,
    Version                integer      NULL
);

-- One row per grain state; concurrent first writes of one grain cannot both insert.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, COALESCE(GrainIdExtensionString, ''), ServiceId);

-- Returns the new version, or the version the caller had when nothing was written
-- (Orleans then raises InconsistentStateException).
CREATE OR REPLACE FUNCTION WorkspaceWriteToStorage(
    _GrainIdHash integer, _GrainIdN0 bigint, _GrainIdN1 bigint, _GrainTypeHash integer,
    _GrainTypeString varchar, _GrainIdExtensionString varchar, _ServiceId varchar,
    _GrainStateVersion integer, _PayloadBinary bytea)
    RETURNS TABLE (NewGrainStateVersion integer)
    LANGUAGE plpgsql
AS $$
DECLARE
    _rows integer := 0;
BEGIN
    IF _GrainStateVersion IS NOT NULL THEN
        UPDATE OrleansStorage
        SET PayloadBinary = _PayloadBinary, ModifiedOn = (now() AT TIME ZONE 'utc'), Version = Version + 1
        WHERE GrainIdHash = _GrainIdHash AND GrainTypeHash = _GrainTypeHash
          AND GrainIdN0 = _GrainIdN0 AND GrainIdN1 = _GrainIdN1
          AND GrainTypeString = _GrainTypeString
          AND COALESCE(GrainIdExtensionString, '') = COALESCE(_GrainIdExtensionString, '')
          AND ServiceId = _ServiceId
          AND Version = _GrainStateVersion;
        GET DIAGNOSTICS _rows = ROW_COUNT;
        RETURN QUERY SELECT CASE WHEN _rows > 0 THEN _GrainStateVersion + 1 ELSE _GrainStateVersion END;
    ELSE
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        VALUES
            (_GrainIdHash, _GrainIdN0, _GrainIdN1, _GrainTypeHash, _GrainTypeString, _GrainIdExtensionString, _ServiceId, _PayloadBinary, (now() AT TIME ZONE 'utc'), 1)
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS _rows = ROW_COUNT;
        RETURN QUERY SELECT CASE WHEN _rows > 0 THEN 1 ELSE NULL::integer END;
    END IF;
END
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
    SELECT NewGrainStateVersion FROM WorkspaceWriteToStorage(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
        @ServiceId, @GrainStateVersion, @PayloadBinary);
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND COALESCE(GrainIdExtensionString, '''') = COALESCE(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, ModifiedOn = (now() AT TIME ZONE ''utc''), Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND COALESCE(GrainIdExtensionString, '''') = COALESCE(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Used instead of ClearStorageKey only when AdoNetGrainStorageOptions.DeleteStateOnClear is
-- true: removes the row when the version matches. Orleans only checks that the value returned
-- differs from the grain's version (it then forgets the ETag), so success returns version + 1;
-- no row (a version conflict) otherwise.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND COALESCE(GrainIdExtensionString, '''') = COALESCE(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
