SELECT stream_id FROM journal_open_streams WHERE category = $category ORDER BY stream_id;
