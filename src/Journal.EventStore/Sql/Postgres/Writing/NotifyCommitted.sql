-- Delivered to every listener when the transaction commits, and only then: the new head.
SELECT pg_notify('journal_tape', @head);
