-- A group's rows in one statement, one array per column.
INSERT INTO journal_events (seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash)
SELECT * FROM unnest(@seq::bigint[], @event_id::bytea[], @stream_id::text[], @stream_version::bigint[], @event_type::text[],
                     @recorded_at::bigint[], @metadata::bytea[], @payload::bytea[], @payload_digest::bytea[], @prev_hash::bytea[], @hash::bytea[]);
