-- CORE-5: 050X personal numbers (안심번호, e.g. 0507-1234-5678, which channel
-- bookings can carry instead of the customer's own number) have 12 digits.
-- The check follows normalizePhone in src/lib/phone.ts.
alter table customers drop constraint customers_phone_check;
alter table customers add constraint customers_phone_check check (phone ~ '^(0[0-9]{8,10}|050[0-9]{9}|1[0-9]{7})$');
