-- Counts kept by the writer in the same transaction as the rows they count (the commit's batch), so the health
-- report and the stats verb read them in constant time instead of scanning the tape. One row of totals (a
-- stream is opened by its event at stream_version 1; an erased payload is a row whose payload is NULL) and
-- one row per event type. Filled here from the rows already on the tape; the maintenance run recounts and
-- compares. Not append-only like journal_events: these rows are the writer's to update.
CREATE TABLE journal_counts (
    id              integer PRIMARY KEY CHECK (id = 1),
    events          bigint  NOT NULL,
    streams         bigint  NOT NULL,
    erased_payloads bigint  NOT NULL
);

INSERT INTO journal_counts (id, events, streams, erased_payloads)
SELECT 1,
       (SELECT count(*) FROM journal_events),
       (SELECT count(*) FROM journal_events WHERE stream_version = 1),
       (SELECT count(*) FROM journal_events WHERE payload IS NULL);

CREATE TABLE journal_type_counts (
    event_type text   PRIMARY KEY,
    events     bigint NOT NULL
);

INSERT INTO journal_type_counts (event_type, events)
SELECT event_type, count(*) FROM journal_events GROUP BY event_type;
