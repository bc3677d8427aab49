DELETE FROM projection_dead_letters WHERE projection = $name;
