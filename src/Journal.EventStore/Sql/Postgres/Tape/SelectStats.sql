-- The counts the writer keeps (Migrations/0002_counts.sql): one row, constant time at any size.
SELECT events, streams, erased_payloads FROM journal_counts WHERE id = 1;
