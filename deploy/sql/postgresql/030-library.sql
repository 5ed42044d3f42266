-- Workspace: the library of practice (issue 21). Entries, their files (stored here, so every node
-- serves them) and where they are cited. This is the library's index: searches are queries on
-- these tables, never a walk over grains. Folded is title + summary lower-cased without accents
-- (case- and accent-insensitive LIKE); countries and article numbers have child tables indexed
-- by value first, so a filter is an index look-up. Times are Unix milliseconds. Idempotent.
CREATE TABLE IF NOT EXISTS WorkspaceLibraryEntry
(
    Id             text    NOT NULL PRIMARY KEY,
    Title          text    NOT NULL,
    Summary        text    NOT NULL,
    Folded         text    NOT NULL,
    Kind           text    NOT NULL,
    Language       text    NOT NULL,
    Countries      text    NOT NULL,
    Articles       text    NOT NULL,
    Links          text    NOT NULL,
    OrganisationId text    NOT NULL,
    GroupId        text    NULL,
    SharedBy       text    NOT NULL,
    CreatedAt      bigint NOT NULL,
    UpdatedAt      bigint NOT NULL,
    Uses           bigint NOT NULL DEFAULT 0,
    Withdrawn      integer NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryEntry_Created ON WorkspaceLibraryEntry (Withdrawn, CreatedAt);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryEntry_Uses ON WorkspaceLibraryEntry (Withdrawn, Uses, CreatedAt);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryEntry_Kind ON WorkspaceLibraryEntry (Kind, CreatedAt);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryEntry_Language ON WorkspaceLibraryEntry (Language, CreatedAt);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryEntry_Organisation ON WorkspaceLibraryEntry (OrganisationId, CreatedAt);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryEntry_Group ON WorkspaceLibraryEntry (GroupId, CreatedAt);

CREATE TABLE IF NOT EXISTS WorkspaceLibraryCountry
(
    Country text NOT NULL,
    EntryId text NOT NULL,
    PRIMARY KEY (Country, EntryId)
);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryCountry_Entry ON WorkspaceLibraryCountry (EntryId);

CREATE TABLE IF NOT EXISTS WorkspaceLibraryArticle
(
    Article bigint NOT NULL,
    EntryId text    NOT NULL,
    PRIMARY KEY (Article, EntryId)
);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryArticle_Entry ON WorkspaceLibraryArticle (EntryId);

CREATE TABLE IF NOT EXISTS WorkspaceLibraryFile
(
    Id          text    NOT NULL PRIMARY KEY,
    EntryId     text    NOT NULL,
    Name        text    NOT NULL,
    ContentType text    NOT NULL,
    Size        bigint NOT NULL,
    Content     bytea   NOT NULL,
    CreatedAt   bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryFile_Entry ON WorkspaceLibraryFile (EntryId);

CREATE TABLE IF NOT EXISTS WorkspaceLibraryCitation
(
    Id        text    NOT NULL PRIMARY KEY,
    EntryId   text    NOT NULL,
    Kind      text    NOT NULL,
    GroupId   text    NOT NULL,
    TargetId  text    NOT NULL,
    Country   text    NULL,
    CitedBy   text    NOT NULL,
    CreatedAt bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryCitation_Entry ON WorkspaceLibraryCitation (EntryId);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryCitation_Target ON WorkspaceLibraryCitation (TargetId);
-- Text search: a trigram index lets LIKE '%word%' on Folded use an index when the extension is
-- available; without it (no pg_trgm, no rights) the search is a scan, still correct.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryEntry_Folded ON WorkspaceLibraryEntry USING gin (Folded gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm unavailable: library text search scans';
END
$$;
