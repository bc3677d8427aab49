-- Before a prune: a change that stays while the change before it in its session goes keeps that
-- change's after as its own `before`, so it reads the same after the prune.
WITH chain AS (
    SELECT position, at, before,
           LAG(after) OVER bySession AS previous_after,
           LAG(at) OVER bySession AS previous_at
    FROM session_deltas_v4_deltas
    WINDOW bySession AS (PARTITION BY session_id ORDER BY position)
)
UPDATE session_deltas_v4_deltas
SET before = chain.previous_after
FROM chain
WHERE session_deltas_v4_deltas.position = chain.position
  AND chain.before IS NULL
  AND chain.at >= $cutoff
  AND chain.previous_at < $cutoff;
