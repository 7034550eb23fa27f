-- CORE-9: the calendar reads the schedules overlapping a range of days:
--   starts_at < to and ends_at > from.
-- On schedules_day_idx (business_id, starts_at) the only index bound of that
-- condition is starts_at < to, so every earlier schedule of the business would
-- be read. The calendar query therefore splits schedules by span:
-- * short ones (at most 12 hours, nearly all of them) must start after
--   from - 12 hours, which bounds the scan of schedules_day_idx on both sides;
-- * long ones (multi-day bookings) are found through the partial index below
--   by ends_at > from, which skips every long schedule already over.
-- The predicate is repeated literally in the query, so the planner can use it.
create index schedules_long_idx on schedules (business_id, ends_at) where ends_at - starts_at > interval '12 hours';

-- Without statistics on the span the planner guesses a third of the rows for
-- each side of the split, and then picks a plan for the wrong size.
create statistics schedules_span_stats on (ends_at - starts_at) from schedules;

-- The calendar shows how many memos each schedule has. Counting them per row
-- doubled the cost of the calendar query, so the count is kept on the
-- schedule. A trigger keeps it, because memos are written from several places
-- (this feature, the Naver sync, the demo seed) and none may forget it.
alter table schedules add column memo_count integer not null default 0 check (memo_count >= 0);

create function schedule_memos_count() returns trigger language plpgsql as $$
begin
  if tg_op in ('DELETE', 'UPDATE') then
    update schedules set memo_count = memo_count - 1 where business_id = old.business_id and id = old.schedule_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    update schedules set memo_count = memo_count + 1 where business_id = new.business_id and id = new.schedule_id;
  end if;
  return null;
end
$$;

create trigger schedule_memos_count after insert or delete or update of business_id, schedule_id on schedule_memos
  for each row execute function schedule_memos_count();

update schedules s set memo_count = m.n
from (select business_id, schedule_id, count(*)::integer as n from schedule_memos group by business_id, schedule_id) m
where s.business_id = m.business_id and s.id = m.schedule_id;
