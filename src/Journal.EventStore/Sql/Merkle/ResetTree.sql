DELETE FROM merkle_nodes;
DELETE FROM merkle_state;
