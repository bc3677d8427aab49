UPDATE journal_counts
SET events = events + $events,
    streams = streams + $streams,
    erased_payloads = erased_payloads + $erased_payloads
WHERE id = 1;
