-- Workspace: Orleans AdoNet clustering (membership) on PostgreSQL, for several nodes
-- (Orleans 10.4.x contract, invariant "Npgsql", with its atomic membership writes; no
-- MetadataJson column, which 10.4.x does not bind). Idempotent.
-- Keys the provider requires: UpdateIAmAlivetimeKey, InsertMembershipVersionKey,
-- InsertMembershipKey, UpdateMembershipKey, MembershipReadRowKey, MembershipReadAllKey,
-- DeleteMembershipTableEntriesKey, GatewaysQueryKey, CleanupDefunctSiloEntriesKey; optional
-- CleanupDefunctSiloEntryKey (when present, 10.4 prunes dead silos one captured row at a time).
-- Parameters: @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
-- @ProxyPort, @SuspectTimes, @StartTime, @IAmAliveTime, @Version.

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Heartbeat; a late heartbeat never moves the time backwards.
CREATE OR REPLACE FUNCTION update_i_am_alive_time(
    deployment_id varchar, address_arg varchar, port_arg integer, generation_arg integer, i_am_alive_time timestamptz)
    RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE OrleansMembershipTable AS d
    SET IAmAliveTime = GREATEST(d.IAmAliveTime, i_am_alive_time)
    WHERE d.DeploymentId = deployment_id AND d.Address = address_arg
      AND d.Port = port_arg AND d.Generation = generation_arg;
END
$$;

-- Each function below returns 1 when its write happened and 0 when it did not; a partial
-- write is rolled back (the raised exception undoes the block's subtransaction).
CREATE OR REPLACE FUNCTION insert_membership_version(DeploymentIdArg varchar)
    RETURNS TABLE (row_count integer)
    LANGUAGE plpgsql
AS $$
DECLARE
    _rows integer := 0;
BEGIN
    BEGIN
        INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (DeploymentIdArg)
        ON CONFLICT (DeploymentId) DO NOTHING;
        GET DIAGNOSTICS _rows = ROW_COUNT;
        IF _rows = 0 THEN
            RAISE EXCEPTION 'no rows affected, rollback' USING ERRCODE = 'assert_failure';
        END IF;
        RETURN QUERY SELECT _rows;
    EXCEPTION WHEN assert_failure THEN
        RETURN QUERY SELECT 0;
    END;
END
$$;

CREATE OR REPLACE FUNCTION insert_membership(
    DeploymentIdArg varchar, AddressArg varchar, PortArg integer, GenerationArg integer,
    SiloNameArg varchar, HostNameArg varchar, StatusArg integer, ProxyPortArg integer,
    StartTimeArg timestamptz, IAmAliveTimeArg timestamptz, VersionArg integer)
    RETURNS TABLE (row_count integer)
    LANGUAGE plpgsql
AS $$
DECLARE
    _rows integer := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET Timestamp = now(), Version = Version + 1
        WHERE DeploymentId = DeploymentIdArg AND Version = VersionArg AND Version < 2147483647;
        GET DIAGNOSTICS _rows = ROW_COUNT;

        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
        SELECT DeploymentIdArg, AddressArg, PortArg, GenerationArg, SiloNameArg, HostNameArg, StatusArg, ProxyPortArg, StartTimeArg, IAmAliveTimeArg
        WHERE _rows > 0
        ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
        GET DIAGNOSTICS _rows = ROW_COUNT;
        IF _rows = 0 THEN
            RAISE EXCEPTION 'no rows affected, rollback' USING ERRCODE = 'assert_failure';
        END IF;
        RETURN QUERY SELECT _rows;
    EXCEPTION WHEN assert_failure THEN
        RETURN QUERY SELECT 0;
    END;
END
$$;

CREATE OR REPLACE FUNCTION update_membership(
    DeploymentIdArg varchar, AddressArg varchar, PortArg integer, GenerationArg integer,
    StatusArg integer, SuspectTimesArg varchar, IAmAliveTimeArg timestamptz, VersionArg integer)
    RETURNS TABLE (row_count integer)
    LANGUAGE plpgsql
AS $$
DECLARE
    _rows integer := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET Timestamp = now(), Version = Version + 1
        WHERE DeploymentId = DeploymentIdArg AND Version = VersionArg AND Version < 2147483647;
        GET DIAGNOSTICS _rows = ROW_COUNT;

        UPDATE OrleansMembershipTable
        SET Status = StatusArg, SuspectTimes = SuspectTimesArg, IAmAliveTime = GREATEST(IAmAliveTime, IAmAliveTimeArg)
        WHERE DeploymentId = DeploymentIdArg AND Address = AddressArg AND Port = PortArg AND Generation = GenerationArg
          AND _rows > 0;
        GET DIAGNOSTICS _rows = ROW_COUNT;
        IF _rows = 0 THEN
            RAISE EXCEPTION 'no rows affected, rollback' USING ERRCODE = 'assert_failure';
        END IF;
        RETURN QUERY SELECT _rows;
    EXCEPTION WHEN assert_failure THEN
        RETURN QUERY SELECT 0;
    END;
END
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpdateIAmAlivetimeKey', '
    SELECT * FROM update_i_am_alive_time(@DeploymentId, @Address, @Port, @Generation, @IAmAliveTime);
'),
('InsertMembershipVersionKey', '
    SELECT * FROM insert_membership_version(@DeploymentId);
'),
('InsertMembershipKey', '
    SELECT * FROM insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
'),
('UpdateMembershipKey', '
    SELECT * FROM update_membership(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
        @IAmAliveTime, @Version);
'),
('MembershipReadRowKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m
        ON v.DeploymentId = m.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;
'),
('MembershipReadAllKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m ON v.DeploymentId = m.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;
'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
'),
('GatewaysQueryKey', '
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
'),
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND IAmAliveTime < @IAmAliveTime AND StartTime < @IAmAliveTime
      AND COALESCE(SuspectTimes, '''') = ''''
      AND Status = 6;
'),
('CleanupDefunctSiloEntryKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = 6
      AND Address = @Address AND Port = @Port AND Generation = @Generation
      AND IAmAliveTime = @IAmAliveTime AND StartTime = @StartTime
      AND COALESCE(SuspectTimes, '''') = COALESCE(@SuspectTimes, '''');
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
