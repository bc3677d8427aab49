INSERT INTO memory_v1_principals (principal, stamp) VALUES ($principal, $stamp)
ON CONFLICT (principal) DO UPDATE SET stamp = excluded.stamp;
