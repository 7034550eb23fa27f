-- OPS-8: the customer list sorts by name (가나다: code point order, collate
-- "C", the same on every engine) and by last visit (never visited = the
-- oldest), ties broken by id; the list's pages and the export's keyset pages
-- read these indexes in order instead of sorting every customer of the
-- business. Points and visits sort on the indexes of 0007.
create index customers_name_sort_idx on customers (business_id, (name collate "C"), id);
create index customers_last_visit_sort_idx on customers (business_id, coalesce(last_visit_at, '1970-01-01 00:00:00+00'::timestamptz), id);
