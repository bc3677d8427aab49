-- Facts about this journal file: its id (named in signed checkpoints) and when it was created.
CREATE TABLE journal_info (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER journal_info_no_update
BEFORE UPDATE ON journal_info
BEGIN
    SELECT RAISE(ABORT, 'journal_info is write-once');
END;
