-- A newer version replaces an older one; so does any snapshot whose format or erasure count differs
-- (the old row could not be used any more).
INSERT INTO aggregate_snapshots (stream_id, state_type, format, version, position, erasures, state)
VALUES ($stream_id, $state_type, $format, $version, $position, $erasures, $state)
ON CONFLICT (stream_id, state_type) DO UPDATE SET
    format = excluded.format, version = excluded.version, position = excluded.position, erasures = excluded.erasures, state = excluded.state
WHERE excluded.version > aggregate_snapshots.version OR excluded.format <> aggregate_snapshots.format OR excluded.erasures <> aggregate_snapshots.erasures;
