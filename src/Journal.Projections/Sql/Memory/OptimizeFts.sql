-- A delete only marks index entries as gone; merging every segment into one drops them for good, so a
-- forgotten item's words do not linger in the file. $reason only makes the statement a keyed write.
INSERT INTO memory_v1_fts (memory_v1_fts) SELECT 'optimize' WHERE $reason IS NOT NULL;
