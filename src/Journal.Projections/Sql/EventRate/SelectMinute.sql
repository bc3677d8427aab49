SELECT events FROM event_rate_v1_minutes WHERE minute = $minute;
