-- An update or a forget: entries the recall cache holds changed or went, so it must reload.
INSERT INTO memory_v1_principals (principal, stamp, removals) VALUES ($principal, $stamp, 1)
ON CONFLICT (principal) DO UPDATE SET removals = removals + 1;
