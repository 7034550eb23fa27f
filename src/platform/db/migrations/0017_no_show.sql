-- OPS-4: 노쇼 (the customer did not come) is a status of its own in the one
-- transition table, final like 완료 and 취소, and counted on the customer
-- in the same transaction as the change (shown on the customer page, an
-- audience filter for messages).
alter table schedules drop constraint schedules_status_check;
alter table schedules add constraint schedules_status_check check (status in ('pending', 'confirmed', 'cancelled', 'completed', 'no_show'));

alter table customers add column no_show_count integer not null default 0 check (no_show_count >= 0);
