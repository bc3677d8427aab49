SELECT format, version, position, erasures, state FROM aggregate_snapshots WHERE stream_id = $stream_id AND state_type = $state_type;
