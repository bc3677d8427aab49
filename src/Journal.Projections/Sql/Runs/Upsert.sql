INSERT INTO runs_v2_runs (
    run_id, session_id, kind, parent_run_id, status, cancel_requested, input_tokens, output_tokens,
    accepted_at, started_at, ended_at, failure_reason, orphaned, accepted_position, stream_version, last_position)
VALUES (
    $run_id, $session_id, $kind, $parent_run_id, $status, $cancel_requested, $input_tokens, $output_tokens,
    $accepted_at, $started_at, $ended_at, $failure_reason, $orphaned, $accepted_position, $stream_version, $last_position)
ON CONFLICT (run_id) DO UPDATE SET
    status = excluded.status,
    cancel_requested = excluded.cancel_requested,
    input_tokens = excluded.input_tokens,
    output_tokens = excluded.output_tokens,
    started_at = excluded.started_at,
    ended_at = excluded.ended_at,
    failure_reason = excluded.failure_reason,
    orphaned = excluded.orphaned,
    stream_version = excluded.stream_version,
    last_position = excluded.last_position;
