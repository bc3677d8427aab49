-- workspace.v1: one row per document, every version's content, and a full-text index over the
-- latest content of active documents (its rowid is the document's doc_rowid).
CREATE TABLE IF NOT EXISTS workspace_v1_documents (
    doc_rowid      INTEGER PRIMARY KEY,
    document_id    TEXT    NOT NULL UNIQUE,
    path           TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    content_sha256 TEXT    NOT NULL,
    size_bytes     INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    stream_version INTEGER NOT NULL,
    last_position  INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS workspace_v1_documents_by_path ON workspace_v1_documents (path, document_id);

CREATE TABLE IF NOT EXISTS workspace_v1_versions (
    document_id    TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    content        TEXT    NOT NULL,
    content_sha256 TEXT    NOT NULL,
    size_bytes     INTEGER NOT NULL,
    at             INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    PRIMARY KEY (document_id, version)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE IF NOT EXISTS workspace_v1_fts USING fts5(content, tokenize = 'unicode61 remove_diacritics 2');
