-- The bounded structural check of the tape's end: the rows after $from read through the table, and each found
-- again through every index on journal_events (event id, stream and version, type and seq). Reading them makes
-- SQLite touch the last pages of the table and the index pages that hold those rows, and it answers
-- SQLITE_CORRUPT on a damaged page; a count that differs means an index lost or gained an entry.
SELECT
    (SELECT count(*) FROM journal_events WHERE seq > $from),
    (SELECT count(*) FROM journal_events AS e WHERE e.seq > $from AND EXISTS (
        SELECT 1 FROM journal_events AS i INDEXED BY sqlite_autoindex_journal_events_1
        WHERE i.event_id = e.event_id AND i.seq = e.seq)),
    (SELECT count(*) FROM journal_events AS e WHERE e.seq > $from AND EXISTS (
        SELECT 1 FROM journal_events AS i INDEXED BY sqlite_autoindex_journal_events_2
        WHERE i.stream_id = e.stream_id AND i.stream_version = e.stream_version AND i.seq = e.seq)),
    (SELECT count(*) FROM journal_events AS e WHERE e.seq > $from AND EXISTS (
        SELECT 1 FROM journal_events AS i INDEXED BY journal_events_by_type
        WHERE i.event_type = e.event_type AND i.seq = e.seq)),
    (SELECT count(*) FROM journal_counts),
    (SELECT count(*) FROM journal_type_counts);
