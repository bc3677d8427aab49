SELECT COALESCE(max(version), 0) FROM schema_migrations;
