SELECT event_type, opens FROM journal_open_types WHERE category = $category;
