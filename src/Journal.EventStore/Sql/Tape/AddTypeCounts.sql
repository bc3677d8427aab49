-- Every type a group wrote in one statement ($counts: a JSON object of event type to events). The WHERE clause
-- tells SQLite's parser that ON CONFLICT belongs to the upsert, not to a join of the SELECT.
INSERT INTO journal_type_counts (event_type, events)
SELECT key, value FROM json_each($counts) WHERE true
ON CONFLICT (event_type) DO UPDATE SET events = events + excluded.events;
