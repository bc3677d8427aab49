SELECT event_type, events FROM journal_type_counts ORDER BY event_type;
