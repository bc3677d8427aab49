-- Serializes migrations across instances sharing one database: held until the transaction ends.
SELECT pg_advisory_xact_lock(7461727001);
