DELETE FROM session_deltas_v1_deltas WHERE at < $cutoff;
