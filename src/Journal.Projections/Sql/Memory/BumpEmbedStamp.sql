INSERT INTO memory_v1_principals (principal, stamp, embed_stamp) VALUES ($principal, 0, 1)
ON CONFLICT (principal) DO UPDATE SET embed_stamp = embed_stamp + 1;
