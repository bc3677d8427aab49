-- Erasures are counted in the commit that makes them (an erased row may be older than the counts' position).
UPDATE journal_counts SET erased_payloads = erased_payloads + $erased_payloads WHERE id = 1;
