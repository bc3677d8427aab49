-- Erased payloads, counted in the commit that erases them: a constant-time read.
SELECT erased_payloads FROM journal_counts WHERE id = 1;
