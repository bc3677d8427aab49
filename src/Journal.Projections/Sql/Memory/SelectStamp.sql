SELECT stamp, removals, embed_stamp FROM memory_v1_principals WHERE principal = $principal;
