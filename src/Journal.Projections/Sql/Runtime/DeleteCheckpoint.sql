DELETE FROM projection_checkpoints WHERE name = $name;
