-- One row per type the group wrote, sorted so two writers touch the rows in the same order.
INSERT INTO journal_type_counts AS c (event_type, events)
SELECT t.event_type, t.events FROM unnest(@types::text[], @counts::bigint[]) AS t(event_type, events)
ORDER BY t.event_type
ON CONFLICT (event_type) DO UPDATE SET events = c.events + excluded.events;
