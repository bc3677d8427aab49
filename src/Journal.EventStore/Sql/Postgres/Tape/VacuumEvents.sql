-- Marks dead row versions (left by payload erasures) for reuse and refreshes the planner's statistics. Plain VACUUM
-- takes no lock that blocks reads or appends, so it is safe while the service runs.
VACUUM (ANALYZE) journal_events;
