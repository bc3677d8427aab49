SELECT hash FROM merkle_nodes WHERE level = $level AND idx = $idx;
