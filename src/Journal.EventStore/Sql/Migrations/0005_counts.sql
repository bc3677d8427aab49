-- Counts kept by the writer in the same transaction as the rows they count, so the health report and the
-- stats verb read them in constant time instead of scanning the tape. One row of totals (a stream is
-- opened by its event at stream_version 1; an erased payload is a row whose payload is NULL) and one row
-- per event type. Filled here from the rows already on the tape; the maintenance run recounts and compares.
CREATE TABLE journal_counts (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    events          INTEGER NOT NULL,
    streams         INTEGER NOT NULL,
    erased_payloads INTEGER NOT NULL
);

INSERT INTO journal_counts (id, events, streams, erased_payloads)
SELECT 1,
       (SELECT count(*) FROM journal_events),
       (SELECT count(*) FROM journal_events WHERE stream_version = 1),
       (SELECT count(*) FROM journal_events WHERE payload IS NULL);

CREATE TABLE journal_type_counts (
    event_type TEXT    PRIMARY KEY,
    events     INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO journal_type_counts (event_type, events)
SELECT event_type, count(*) FROM journal_events GROUP BY event_type;
