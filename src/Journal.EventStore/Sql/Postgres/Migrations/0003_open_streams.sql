-- The open streams kept by the writer in its commit batch, so start-up recovery reads the open work instead of
-- scanning the tape. The tape knows no domain event type: a caller registers, per stream category, which types
-- open a stream and which close it (journal_open_types), and the set is filled from the rows at that
-- registration. A stream is open while the last of its opening or closing events is an opening one. Empty here:
-- no category is registered before its first ask. Not append-only: these rows are the writer's to update.
CREATE TABLE journal_open_types (
    event_type text    PRIMARY KEY,
    category   text    NOT NULL,
    opens      boolean NOT NULL
);

CREATE TABLE journal_open_streams (
    category  text NOT NULL,
    stream_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (category, stream_id)
);
