-- event_rate.v1: how many events the tape recorded in each minute (unix minute = recorded_at / 60000).
-- Minutes without events have no row.
CREATE TABLE IF NOT EXISTS event_rate_v1_minutes (
    minute INTEGER PRIMARY KEY NOT NULL,
    events INTEGER NOT NULL
);
