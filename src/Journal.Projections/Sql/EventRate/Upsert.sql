INSERT INTO event_rate_v1_minutes (minute, events)
VALUES ($minute, $events)
ON CONFLICT (minute) DO UPDATE SET events = excluded.events;
