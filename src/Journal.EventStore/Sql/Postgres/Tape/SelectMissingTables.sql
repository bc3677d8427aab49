-- Which of the named tables the database lacks (looked up on the connection's search path).
SELECT name FROM unnest(@names::text[]) AS t(name) WHERE to_regclass(name) IS NULL ORDER BY name;
