-- SQLite's structural check of every page of the file (cheaper than integrity_check: no index cross-check).
PRAGMA quick_check(20);
