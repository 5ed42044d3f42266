-- Workspace: the keys that protect sign-in cookies and CSRF tokens (ASP.NET Core data protection),
-- shared by every node of a cluster so that a browser signed in through one node is signed in on
-- all. Rows are written by the data-protection system and never updated; expired keys stay (they
-- still decrypt old cookies until those expire). Idempotent.
CREATE TABLE IF NOT EXISTS WorkspaceDataProtectionKeys
(
    FriendlyName varchar(200) NOT NULL PRIMARY KEY,
    Xml text NOT NULL,
    CreatedAt timestamptz NOT NULL DEFAULT now()
);
