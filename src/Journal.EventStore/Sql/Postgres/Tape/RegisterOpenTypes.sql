-- Replaces a category's opening and closing types and empties its set, to be filled again from the rows.
DELETE FROM journal_open_streams WHERE category = @category;
DELETE FROM journal_open_types WHERE category = @category;
INSERT INTO journal_open_types (event_type, category, opens)
SELECT t, @category, true FROM unnest(@opening::text[]) AS t
UNION ALL
SELECT t, @category, false FROM unnest(@closing::text[]) AS t;
