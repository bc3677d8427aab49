-- Each statement after the head lock takes a fresh snapshot and so sees every group committed before the lock.
BEGIN ISOLATION LEVEL READ COMMITTED;
