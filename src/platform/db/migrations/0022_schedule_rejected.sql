-- A booking-page booking the shop rejected (거절) cancels its schedule, and the
-- calendar showed it as 취소 as if the customer or the shop had cancelled a
-- booking that stood. The schedule keeps its one 'cancelled' status (the
-- transition table, the counts and the hooks all treat it as cancelled) and
-- says here that the cancellation was a rejection, so the calendar reads 거절.
alter table schedules add column rejected boolean not null default false;
alter table schedules add constraint schedules_rejected_is_cancelled check (not rejected or status = 'cancelled');

update schedules s set rejected = true
from bookings b
where b.business_id = s.business_id and b.schedule_id = s.id and b.status = 'rejected' and s.status = 'cancelled';
