-- The user triggers on the tape's tables and whether each fires ('O' or 'A'; 'D' is disabled, 'R' fires only on replicas).
SELECT tgname::text, tgenabled IN ('O', 'A')
FROM pg_trigger
WHERE NOT tgisinternal AND tgrelid IN (to_regclass('journal_events'), to_regclass('journal_info'));
