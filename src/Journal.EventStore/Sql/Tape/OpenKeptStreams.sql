-- Adds to the kept open set the streams whose last opening or closing event after $after is an opening one
-- (the writer passes the head before its group; a registration passes 0 and its category). SQLite takes the
-- bare columns from the row of max(seq).
INSERT OR IGNORE INTO journal_open_streams (category, stream_id)
SELECT category, stream_id
FROM (SELECT k.category, e.stream_id, k.opens, max(e.seq)
      FROM journal_events e JOIN journal_open_types k ON k.event_type = e.event_type
      WHERE e.seq > $after
        AND ($category IS NULL OR k.category = $category)
        AND substr(e.stream_id, 1, length(k.category) + 1) = k.category || '-'
      GROUP BY k.category, e.stream_id)
WHERE opens = 1;
