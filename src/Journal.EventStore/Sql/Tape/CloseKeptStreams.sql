-- Removes from the kept open set the streams whose last opening or closing event after $after is a closing one.
DELETE FROM journal_open_streams
WHERE (category, stream_id) IN (
    SELECT category, stream_id
    FROM (SELECT k.category, e.stream_id, k.opens, max(e.seq)
          FROM journal_events e JOIN journal_open_types k ON k.event_type = e.event_type
          WHERE e.seq > $after
            AND substr(e.stream_id, 1, length(k.category) + 1) = k.category || '-'
          GROUP BY k.category, e.stream_id)
    WHERE opens = 0);
