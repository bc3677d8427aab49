DELETE FROM session_deltas_v2_deltas WHERE at < $cutoff;
