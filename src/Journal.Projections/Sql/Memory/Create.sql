-- memory.v1: one row per live item; its text lives once, in the full-text index (rowid = item_rowid);
-- its vector, with the provenance it was made with, in memory_v1_vectors. AUTOINCREMENT: a forgotten
-- item's rowid is never reused, so a late write keyed by it can never land on another item.
CREATE TABLE IF NOT EXISTS memory_v1_items (
    item_rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id    TEXT    NOT NULL UNIQUE,
    principal  TEXT    NOT NULL,
    channel    TEXT,
    session_id TEXT,
    tags       TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    confidence REAL    NOT NULL,
    size_bytes INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expires_at INTEGER,
    position   INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS memory_v1_items_by_scope ON memory_v1_items (principal, channel, session_id);
CREATE INDEX IF NOT EXISTS memory_v1_items_by_age ON memory_v1_items (principal, created_at);
CREATE INDEX IF NOT EXISTS memory_v1_items_by_change ON memory_v1_items (principal, position);
CREATE INDEX IF NOT EXISTS memory_v1_items_by_expiry ON memory_v1_items (expires_at) WHERE expires_at IS NOT NULL;

CREATE VIRTUAL TABLE IF NOT EXISTS memory_v1_fts USING fts5(content, tokenize = 'unicode61 remove_diacritics 2');
-- secure-delete: a delete removes the item's words from the index b-tree at once, instead of leaving
-- them in old segments behind a delete marker until the next merge (forgetting must remove the bytes).
INSERT INTO memory_v1_fts (memory_v1_fts, rank) VALUES ('secure-delete', 1);
-- Each word's number of items, read by recall to leave out words too common to be worth scoring.
CREATE VIRTUAL TABLE IF NOT EXISTS memory_v1_fts_vocab USING fts5vocab(memory_v1_fts, 'row');
-- Each occurrence of each word, read by recall to score bm25 in memory for a principal whose items it holds.
CREATE VIRTUAL TABLE IF NOT EXISTS memory_v1_fts_instances USING fts5vocab(memory_v1_fts, 'instance');

CREATE TABLE IF NOT EXISTS memory_v1_vectors (
    item_rowid  INTEGER PRIMARY KEY,
    model       TEXT    NOT NULL,
    dimensions  INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    vector      BLOB    NOT NULL,
    embedded_at INTEGER NOT NULL
);

-- Change stamps per principal, read by the recall cache: stamp is the tape position of the principal's
-- last change; removals counts updates and forgets, embed_stamp the embedder's writes. When only the
-- stamp moved, the cache appends the items added since; when either counter moved, it reloads.
CREATE TABLE IF NOT EXISTS memory_v1_principals (
    principal   TEXT    PRIMARY KEY,
    stamp       INTEGER NOT NULL,
    removals    INTEGER NOT NULL DEFAULT 0,
    embed_stamp INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
