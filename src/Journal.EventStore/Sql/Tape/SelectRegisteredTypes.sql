-- Every type registered to open or close a stream, whatever its category: the writer moves the kept open set only
-- for a group holding one of them.
SELECT event_type FROM journal_open_types;
