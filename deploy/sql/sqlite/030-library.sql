-- Workspace: the library of practice (issue 21). Entries, their files (stored here, so every node
-- serves them) and where they are cited. This is the library's index: searches are queries on
-- these tables, never a walk over grains. Folded is title + summary lower-cased without accents
-- (case- and accent-insensitive LIKE); countries and article numbers have child tables indexed
-- by value first, so a filter is an index look-up. Times are Unix milliseconds. Idempotent.
CREATE TABLE IF NOT EXISTS WorkspaceLibraryEntry
(
    Id             TEXT    NOT NULL PRIMARY KEY,
    Title          TEXT    NOT NULL,
    Summary        TEXT    NOT NULL,
    Folded         TEXT    NOT NULL,
    Kind           TEXT    NOT NULL,
    Language       TEXT    NOT NULL,
    Countries      TEXT    NOT NULL,
    Articles       TEXT    NOT NULL,
    Links          TEXT    NOT NULL,
    OrganisationId TEXT    NOT NULL,
    GroupId        TEXT    NULL,
    SharedBy       TEXT    NOT NULL,
    CreatedAt      INTEGER NOT NULL,
    UpdatedAt      INTEGER NOT NULL,
    Uses           INTEGER NOT NULL DEFAULT 0,
    Withdrawn      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryEntry_Created ON WorkspaceLibraryEntry (Withdrawn, CreatedAt);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryEntry_Uses ON WorkspaceLibraryEntry (Withdrawn, Uses, CreatedAt);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryEntry_Kind ON WorkspaceLibraryEntry (Kind, CreatedAt);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryEntry_Language ON WorkspaceLibraryEntry (Language, CreatedAt);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryEntry_Organisation ON WorkspaceLibraryEntry (OrganisationId, CreatedAt);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryEntry_Group ON WorkspaceLibraryEntry (GroupId, CreatedAt);

CREATE TABLE IF NOT EXISTS WorkspaceLibraryCountry
(
    Country TEXT NOT NULL,
    EntryId TEXT NOT NULL,
    PRIMARY KEY (Country, EntryId)
);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryCountry_Entry ON WorkspaceLibraryCountry (EntryId);

CREATE TABLE IF NOT EXISTS WorkspaceLibraryArticle
(
    Article INTEGER NOT NULL,
    EntryId TEXT    NOT NULL,
    PRIMARY KEY (Article, EntryId)
);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryArticle_Entry ON WorkspaceLibraryArticle (EntryId);

CREATE TABLE IF NOT EXISTS WorkspaceLibraryFile
(
    Id          TEXT    NOT NULL PRIMARY KEY,
    EntryId     TEXT    NOT NULL,
    Name        TEXT    NOT NULL,
    ContentType TEXT    NOT NULL,
    Size        INTEGER NOT NULL,
    Content     BLOB    NOT NULL,
    CreatedAt   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryFile_Entry ON WorkspaceLibraryFile (EntryId);

CREATE TABLE IF NOT EXISTS WorkspaceLibraryCitation
(
    Id        TEXT    NOT NULL PRIMARY KEY,
    EntryId   TEXT    NOT NULL,
    Kind      TEXT    NOT NULL,
    GroupId   TEXT    NOT NULL,
    TargetId  TEXT    NOT NULL,
    Country   TEXT    NULL,
    CitedBy   TEXT    NOT NULL,
    CreatedAt INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryCitation_Entry ON WorkspaceLibraryCitation (EntryId);
CREATE INDEX IF NOT EXISTS IX_WorkspaceLibraryCitation_Target ON WorkspaceLibraryCitation (TargetId);
