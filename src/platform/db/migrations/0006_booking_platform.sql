-- BOOK-1..11: places, products of the four booking types, bookings from the
-- business's own booking page, capacity claims and customer inquiries.

-- A virtual staff column "예약페이지" (like 네이버예약) receives booking-page
-- bookings of products without a staff of their own; the owner drags them
-- onto the person who will take them.
alter table staff drop constraint staff_kind_check;
alter table staff add constraint staff_kind_check check (kind in ('user', 'resource', 'naver', 'booking_page'));
create unique index staff_one_booking_page_per_business on staff (business_id) where kind = 'booking_page';
insert into staff (business_id, name, kind, color, sort_order)
select b.id, '예약페이지', 'booking_page', '#f5c400', -1 from businesses b
where not exists (select 1 from staff s where s.business_id = b.id and s.kind = 'booking_page');

-- BOOK-1
create table places (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  name text not null,
  category text not null default '',
  address text not null default '',
  phone text not null default '',
  operating_status text not null default 'open' check (operating_status in ('open', 'paused', 'closed')),
  exposed boolean not null default true,
  homepage text not null default '',
  introduction text not null default '',
  booking_notes text not null default '',
  notices text not null default '',
  amenities text[] not null default '{}',
  extra_services text[] not null default '{}',
  check_in_time text,
  check_out_time text,
  hotel_grade text,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (business_id, id)
);
create index places_business_idx on places (business_id, sort_order, created_at);

create table place_images (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  place_id uuid not null,
  file_name text not null,
  content_type text not null,
  width integer not null,
  height integer not null,
  byte_size integer not null,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  unique (business_id, id),
  foreign key (business_id, place_id) references places (business_id, id) on delete cascade
);
create index place_images_place_idx on place_images (business_id, place_id, sort_order);

-- BOOK-2..6. The booking type never changes after creation (a trigger below).
create table products (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  place_id uuid not null,
  name text not null,
  description text not null default '',
  booking_type text not null check (booking_type in ('time_slot', 'date_time', 'date', 'always')),
  confirmation_mode text not null check (confirmation_mode in ('instant', 'approval')),
  payment_mode text not null default 'on_site' check (payment_mode in ('on_site', 'none')),
  price_amount integer check (price_amount >= 0),
  exposed boolean not null default true,
  department_id uuid,
  staff_id uuid,
  -- 시간예약형
  slot_minutes integer,
  capacity_per_slot integer,
  horizon_months integer,
  -- 날짜/시간형: how long a session lasts in the calendar
  duration_minutes integer,
  -- 날짜/시간형, 날짜형, 상시형
  inventory_mode text check (inventory_mode in ('per_booking_schedule', 'per_date_time', 'per_date', 'per_period', 'per_price')),
  period_quantity integer,
  max_quantity_per_booking integer not null default 10 check (max_quantity_per_booking between 1 and 50),
  -- [{ "hoursBefore": 24, "refundPercent": 100 }, ...]
  cancellation_policy jsonb not null default '[]',
  sort_order integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (business_id, id),
  foreign key (business_id, place_id) references places (business_id, id),
  foreign key (business_id, department_id) references departments (business_id, id),
  foreign key (business_id, staff_id) references staff (business_id, id),
  check ((booking_type = 'time_slot') = (slot_minutes is not null and capacity_per_slot is not null and horizon_months is not null)),
  check ((booking_type = 'time_slot') = (inventory_mode is null))
);
create index products_place_idx on products (business_id, place_id, sort_order, created_at);

create function products_booking_type_fixed() returns trigger language plpgsql as $$
begin
  if new.booking_type <> old.booking_type then
    raise exception 'booking type of a product cannot change' using errcode = 'check_violation', constraint = 'products_booking_type_fixed';
  end if;
  return new;
end
$$;
create trigger products_booking_type_fixed before update of booking_type on products
  for each row execute function products_booking_type_fixed();

-- BOOK-3: 운영기간 with weekly hours ({"1": [{"openMinute": 540, "closeMinute": 1080}], ...}) and 예약시작 일시.
create table product_operating_periods (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null,
  product_id uuid not null,
  starts_on date not null,
  ends_on date not null,
  weekly_hours jsonb not null,
  booking_opens_at timestamptz,
  unique (business_id, id),
  foreign key (business_id, product_id) references products (business_id, id) on delete cascade,
  check (ends_on >= starts_on)
);
create index product_operating_periods_product_idx on product_operating_periods (business_id, product_id, starts_on);

-- BOOK-3: single slots switched to 노출 OFF.
create table product_hidden_slots (
  business_id uuid not null,
  product_id uuid not null,
  starts_at timestamptz not null,
  primary key (business_id, product_id, starts_at),
  foreign key (business_id, product_id) references products (business_id, id) on delete cascade
);

-- BOOK-4: 일정. usage: a date and start minute (날짜/시간형), a date (날짜형) or a period (상시형).
create table product_schedules (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null,
  product_id uuid not null,
  usage_date date,
  usage_start_minute integer check (usage_start_minute between 0 and 1439),
  usage_from date,
  usage_to date,
  booking_opens_at timestamptz not null,
  booking_closes_at timestamptz not null,
  unique (business_id, id),
  foreign key (business_id, product_id) references products (business_id, id) on delete cascade,
  check (booking_closes_at > booking_opens_at),
  check ((usage_date is not null) <> (usage_from is not null and usage_to is not null)),
  check (usage_to >= usage_from)
);
create index product_schedules_product_idx on product_schedules (business_id, product_id, usage_date, usage_start_minute);

-- BOOK-4: 가격 with its 예약가능 기간; BOOK-5: 최대 예약 수량.
create table product_prices (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null,
  product_id uuid not null,
  name text not null,
  amount integer not null check (amount >= 0),
  bookable_from date not null,
  bookable_to date not null,
  max_quantity integer check (max_quantity >= 0),
  sort_order integer not null default 0,
  unique (business_id, id),
  foreign key (business_id, product_id) references products (business_id, id) on delete cascade,
  check (bookable_to >= bookable_from)
);
create index product_prices_product_idx on product_prices (business_id, product_id, sort_order);

-- BOOK-4: 예약 스케줄, a schedule joined to a price; quantity in 예약 스케줄별 / 가격별 관리.
create table product_booking_schedules (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null,
  product_id uuid not null,
  schedule_id uuid not null,
  price_id uuid not null,
  quantity integer check (quantity >= 0),
  unique (business_id, id),
  unique (business_id, schedule_id, price_id),
  foreign key (business_id, product_id) references products (business_id, id) on delete cascade,
  foreign key (business_id, schedule_id) references product_schedules (business_id, id) on delete cascade,
  foreign key (business_id, price_id) references product_prices (business_id, id) on delete cascade
);
create index product_booking_schedules_product_idx on product_booking_schedules (business_id, product_id);

-- BOOK-5: quantities of 날짜/시간별 ('2026-03-10T14:00') and 날짜별 ('2026-03-10') 관리.
create table product_stock (
  business_id uuid not null,
  product_id uuid not null,
  stock_key text not null,
  quantity integer not null check (quantity >= 0),
  primary key (business_id, product_id, stock_key),
  foreign key (business_id, product_id) references products (business_id, id) on delete cascade
);

-- BOOK-7: 예약번호 and 예약상세번호 are drawn from one sequence, so they are
-- unique across businesses and short enough to read over the phone.
create sequence booking_number_seq start with 10000001;

create table bookings (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  booking_number text not null unique,
  place_id uuid not null,
  product_id uuid not null,
  customer_id uuid not null,
  schedule_id uuid,
  customer_name text not null,
  customer_phone text not null,
  request text not null default '',
  status text not null check (status in ('pending', 'confirmed', 'completed', 'cancelled', 'rejected')),
  usage_starts_at timestamptz not null,
  usage_ends_at timestamptz not null,
  usage_label text not null,
  total_amount integer not null check (total_amount >= 0),
  total_quantity integer not null check (total_quantity > 0),
  cancelled_by text check (cancelled_by in ('customer', 'business')),
  cancel_reason text,
  refund_percent integer check (refund_percent between 0 and 100),
  created_at timestamptz not null default now(),
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  completed_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (business_id, id),
  foreign key (business_id, place_id) references places (business_id, id),
  foreign key (business_id, product_id) references products (business_id, id),
  foreign key (business_id, customer_id) references customers (business_id, id),
  foreign key (business_id, schedule_id) references schedules (business_id, id) on delete set null (schedule_id),
  check (usage_ends_at > usage_starts_at)
);
create index bookings_business_created_idx on bookings (business_id, created_at desc);
create index bookings_business_usage_idx on bookings (business_id, usage_starts_at);
create index bookings_product_idx on bookings (business_id, product_id, usage_starts_at);
create unique index bookings_schedule_idx on bookings (business_id, schedule_id) where schedule_id is not null;

create table booking_lines (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null,
  booking_id uuid not null,
  detail_number text not null unique,
  line_no integer not null,
  slot_starts_at timestamptz,
  booking_schedule_id uuid,
  price_name text not null,
  unit_amount integer not null check (unit_amount >= 0),
  quantity integer not null check (quantity > 0),
  unique (business_id, id),
  unique (booking_id, line_no),
  foreign key (business_id, booking_id) references bookings (business_id, id) on delete cascade,
  check ((slot_starts_at is null) <> (booking_schedule_id is null))
);

-- BOOK-8: checkout holds (a customer picked a slot and is typing a name).
create table booking_holds (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null,
  product_id uuid not null,
  lines jsonb not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  unique (business_id, id),
  foreign key (business_id, product_id) references products (business_id, id) on delete cascade
);
create index booking_holds_expiry_idx on booking_holds (business_id, expires_at);

-- BOOK-8: what each capacity pool has given out. A pool's taken quantity is
-- the sum of its claims that belong to a live booking (pending, confirmed or
-- completed) or to an unexpired hold. Claims are written and counted only
-- under the pool's advisory lock (see src/features/bookings/repository.ts).
-- usage_day bounds the availability read of day-bound pools; pools spanning
-- days (period, price maximum) have none.
create table capacity_claims (
  id bigint generated always as identity primary key,
  business_id uuid not null,
  product_id uuid not null,
  pool_key text not null,
  usage_day date,
  quantity integer not null check (quantity > 0),
  booking_id uuid,
  hold_id uuid,
  expires_at timestamptz,
  foreign key (business_id, product_id) references products (business_id, id) on delete cascade,
  foreign key (business_id, booking_id) references bookings (business_id, id) on delete cascade,
  foreign key (business_id, hold_id) references booking_holds (business_id, id) on delete cascade,
  check ((booking_id is null) <> (hold_id is null)),
  check ((hold_id is null) = (expires_at is null))
);
create index capacity_claims_pool_idx on capacity_claims (business_id, pool_key) include (quantity, expires_at);
create index capacity_claims_product_idx on capacity_claims (business_id, product_id, usage_day) include (pool_key, quantity, expires_at);
create index capacity_claims_booking_idx on capacity_claims (business_id, booking_id) where booking_id is not null;
create index capacity_claims_hold_idx on capacity_claims (business_id, hold_id) where hold_id is not null;

-- BOOK-11
create table booking_inquiries (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  place_id uuid not null,
  product_id uuid,
  author_name text not null,
  author_phone text not null,
  body text not null,
  reply text,
  replied_at timestamptz,
  replied_by uuid,
  created_at timestamptz not null default now(),
  unique (business_id, id),
  foreign key (business_id, place_id) references places (business_id, id) on delete cascade,
  foreign key (business_id, product_id) references products (business_id, id) on delete set null (product_id),
  foreign key (business_id, replied_by) references users (business_id, id) on delete set null (replied_by)
);
create index booking_inquiries_business_idx on booking_inquiries (business_id, created_at desc);
create index booking_inquiries_unanswered_idx on booking_inquiries (business_id) where reply is null;
