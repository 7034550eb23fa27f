-- MSG-11: one run of a batch at a time. A batch job can run twice at once
-- (pg-boss retries a job it believes dead while the first run still works);
-- both would add the same recipients to two groups. A run first claims the
-- batch with a lease (an atomic conditional update); another run waits for
-- the lease to end, and the holder checks it still holds it before each
-- provider call that sends.
alter table message_batches
  add column lease_token uuid,
  add column lease_until timestamptz;
