-- OPS-2: a staff member's working hours and absences (휴무, 휴가, 외근).
-- The calendar shades them; a manual schedule on them asks first
-- (SCHEDULE_STAFF_ABSENT unless the user confirms); a product assigned to
-- the staff never offers them. Naver and booking-page schedules are never
-- refused (the customer booked; the shop handles it).

-- The staff's weekly hours in the shape of places.weekly_hours
-- ({ "1": [{ "openMinute": 540, "closeMinute": 1080 }], …, "7": [] }; a
-- weekday with no range is a day off). null = always available, so staff
-- who never set hours keep working as before.
alter table staff add column weekly_hours jsonb;

-- One absence: either a span of instants (외근 14:00–16:00) or whole local
-- days of the business's zone, both inclusive (휴가 12월 24일–26일). Whole
-- days stay dates so they keep meaning the shop's days.
create table staff_absences (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  staff_id uuid not null,
  kind text not null check (kind in ('day_off', 'vacation', 'field_work')),
  starts_at timestamptz,
  ends_at timestamptz,
  starts_on date,
  ends_on date,
  memo text not null default '' check (length(memo) <= 100),
  created_at timestamptz not null default now(),
  unique (business_id, id),
  foreign key (business_id, staff_id) references staff (business_id, id) on delete cascade,
  constraint staff_absences_span_check check (
    (starts_at is not null and ends_at is not null and starts_on is null and ends_on is null and ends_at > starts_at)
    or (starts_at is null and ends_at is null and starts_on is not null and ends_on is not null and ends_on >= starts_on)
  )
);
create index staff_absences_timed_idx on staff_absences (business_id, ends_at) where ends_at is not null;
create index staff_absences_days_idx on staff_absences (business_id, ends_on) where ends_on is not null;
