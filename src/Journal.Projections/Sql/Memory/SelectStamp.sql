SELECT stamp, embed_stamp FROM memory_v1_principals WHERE principal = $principal;
