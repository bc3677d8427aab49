-- A group's counts in one statement of the commit batch: the totals' row, and one row per type the group wrote,
-- sorted so two writers touch the rows in the same order. A data-modifying WITH runs whether or not it is read.
WITH totals AS (
    UPDATE journal_counts
    SET events = events + @events,
        streams = streams + @streams,
        erased_payloads = erased_payloads + @erased_payloads
    WHERE id = 1
)
INSERT INTO journal_type_counts AS c (event_type, events)
SELECT t.event_type, t.events FROM unnest(@types::text[], @counts::bigint[]) AS t(event_type, events)
ORDER BY t.event_type
ON CONFLICT (event_type) DO UPDATE SET events = c.events + excluded.events;
