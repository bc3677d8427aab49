DELETE FROM session_deltas_v4_deltas WHERE at < $cutoff;
