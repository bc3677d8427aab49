INSERT INTO journal_idempotency (key, request_hash, command_type, stream_id, stream_version, position, events_written, recorded_at)
SELECT * FROM unnest(@key::text[], @request_hash::bytea[], @command_type::text[], @stream_id::text[], @stream_version::bigint[],
                     @position::bigint[], @events_written::integer[], @recorded_at::bigint[]);
