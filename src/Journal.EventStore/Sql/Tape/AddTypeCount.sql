INSERT INTO journal_type_counts (event_type, events) VALUES ($event_type, $events)
ON CONFLICT (event_type) DO UPDATE SET events = events + excluded.events;
