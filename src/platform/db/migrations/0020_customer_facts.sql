-- Issue 14, "audience at scale": the per-customer facts the message audience
-- reads (the groups 단골 / 예비 단골 / 첫 적립, 발송 대상 제한, 중복 발송
-- 방지), kept on the customer row beside loyalty's other counters and
-- recomputed from the history (customer_visits, message_recipients) by
-- loyalty's refreshCustomerFacts in the same transaction as every change of
-- that history. ARCHITECTURE.md says why they are columns of customers.
--
-- accrual_count, first_accrual_at and last_visit_at existed (kept by
-- increments); they are now recomputed like the new ones:
-- - last_accrual_at: the latest accrual (visit with points_earned > 0);
-- - third_recent_accrual_at: the visited_at of the 3rd most recent accrual
--   (null with fewer than 3). 단골 at `now` is third_recent_accrual_at >=
--   the window start of `now` (with every accrual at or before `now`): an
--   instant, not a flag, so membership moves with the clock by itself;
-- - last_message_at: the latest status_at of a coupon message received
--   (status accepted, sent or delivered: what 중복 발송 방지 counts).
alter table customers
  add column last_accrual_at timestamptz,
  add column third_recent_accrual_at timestamptz,
  add column last_message_at timestamptz;

with accruals as (
  select business_id, customer_id, count(*)::int as n, min(visited_at) as first_at, max(visited_at) as last_at,
    (array_agg(visited_at order by visited_at desc))[3] as third_at
  from customer_visits where points_earned > 0 group by business_id, customer_id
), visits as (
  select business_id, customer_id, max(visited_at) as last_at from customer_visits group by business_id, customer_id
), received as (
  select business_id, customer_id, max(status_at) as last_at from message_recipients
  where customer_id is not null and status in ('accepted', 'sent', 'delivered') group by business_id, customer_id
)
update customers c set
  accrual_count = coalesce(a.n, 0),
  first_accrual_at = a.first_at,
  last_accrual_at = a.last_at,
  third_recent_accrual_at = a.third_at,
  last_visit_at = v.last_at,
  last_message_at = r.last_at
from customers k
  left join accruals a on a.business_id = k.business_id and a.customer_id = k.id
  left join visits v on v.business_id = k.business_id and v.customer_id = k.id
  left join received r on r.business_id = k.business_id and r.customer_id = k.id
where c.business_id = k.business_id and c.id = k.id;

-- Each group a range scan: 단골 on the 3rd-latest accrual, 예비 단골 and
-- 첫 적립 on the count; customers with an accrual after the instant asked
-- about (a past `now`) are found on the latest accrual and answered from the history.
create index customers_regular_idx on customers (business_id, third_recent_accrual_at) where third_recent_accrual_at is not null;
create index customers_accrual_count_idx on customers (business_id, accrual_count) where accrual_count > 0;
create index customers_last_accrual_idx on customers (business_id, last_accrual_at) where last_accrual_at is not null;
-- The recompute of one customer reads its accruals newest first.
create index customer_visits_customer_accrual_idx on customer_visits (business_id, customer_id, visited_at) where points_earned > 0;
