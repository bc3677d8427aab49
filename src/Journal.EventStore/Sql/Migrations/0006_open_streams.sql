-- The open streams kept by the writer in the same transaction as the rows that open and close them, so start-up
-- recovery reads the open work instead of scanning the tape. The tape knows no domain event type: a caller
-- registers, per stream category, which types open a stream and which close it (journal_open_types), and the
-- set is filled from the rows at that registration. A stream is open while the last of its opening or closing
-- events is an opening one. Empty here: no category is registered before its first ask.
CREATE TABLE journal_open_types (
    event_type TEXT    PRIMARY KEY,
    category   TEXT    NOT NULL,
    opens      INTEGER NOT NULL CHECK (opens IN (0, 1))
) WITHOUT ROWID;

CREATE TABLE journal_open_streams (
    category  TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    PRIMARY KEY (category, stream_id)
) WITHOUT ROWID;
