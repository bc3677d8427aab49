-- Replaces a category's opening and closing types and empties its set, to be filled again from the rows.
DELETE FROM journal_open_streams WHERE category = $category;
DELETE FROM journal_open_types WHERE category = $category;
INSERT INTO journal_open_types (event_type, category, opens)
SELECT value, $category, 1 FROM json_each($opening)
UNION ALL
SELECT value, $category, 0 FROM json_each($closing);
