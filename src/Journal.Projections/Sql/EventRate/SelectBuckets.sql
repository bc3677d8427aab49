-- Events per bucket of $bucket minutes from minute $from (inclusive) to $to (exclusive); empty buckets have no row.
SELECT (minute - $from) / $bucket AS slot, SUM(events) AS events
FROM event_rate_v1_minutes
WHERE minute >= $from AND minute < $to
GROUP BY slot
ORDER BY slot;
