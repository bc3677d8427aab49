SELECT seq, payload FROM journal_events WHERE event_type = @type AND stream_id = @stream AND seq > @after ORDER BY seq;
