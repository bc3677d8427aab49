-- Serializes group commits across every instance writing this tape, until the transaction ends. Taken in a
-- statement of its own: the head is read by the next statement, with a snapshot taken after the lock.
SELECT pg_advisory_xact_lock(7461727002);
