LISTEN journal_tape;
