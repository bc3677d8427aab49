DELETE FROM session_deltas_v3_deltas WHERE at < $cutoff;
