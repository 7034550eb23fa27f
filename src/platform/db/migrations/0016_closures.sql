-- OPS-1: a place's business hours, public holidays and temporary closures
-- (임시휴무). The booking page and the booking transaction never offer a
-- time the place is closed; existing bookings on a newly closed day are
-- listed for the shop, never cancelled.

-- The place's weekly hours, the shape of product_operating_periods.weekly_hours
-- ({ "1": [{ "openMinute": 540, "closeMinute": 1080 }], …, "7": [] }); they
-- further limit every product of the place. null = no place-level limit.
alter table places add column weekly_hours jsonb;
-- 공휴일 휴무: true closed, false open, null = the business category's
-- default (clinics closed, every other category open).
alter table places add column holidays_closed boolean;

-- One holiday (a date of @hyunbinseo/holidays-kr) the place keeps apart from
-- its default: closed = false "성탄절 진료", closed = true "설날 휴무".
create table place_holiday_overrides (
  business_id uuid not null references businesses(id) on delete cascade,
  place_id uuid not null,
  holiday_date date not null,
  closed boolean not null,
  created_at timestamptz not null default now(),
  primary key (business_id, place_id, holiday_date),
  foreign key (business_id, place_id) references places (business_id, id) on delete cascade
);

-- 임시휴무: local dates, both inclusive, with the reason the booking page shows.
-- Closures of one place never overlap (checked under the place's row lock).
create table place_closures (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  place_id uuid not null,
  starts_on date not null,
  ends_on date not null,
  reason text not null check (length(reason) between 1 and 100),
  created_at timestamptz not null default now(),
  unique (business_id, id),
  foreign key (business_id, place_id) references places (business_id, id) on delete cascade,
  constraint place_closures_dates_check check (ends_on >= starts_on)
);
create index place_closures_place_idx on place_closures (business_id, place_id, ends_on);
