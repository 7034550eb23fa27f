import type { FastifyInstance } from 'fastify';
import inquiryRoutes from './routes/inquiries.ts';
import partnerBookingRoutes from './routes/partner.ts';
import publicBookingRoutes from './routes/public.ts';

/** BOOK-7..11: the booking page's routes, the partner center's booking routes and the inquiries of both. */
export default async function bookingRoutes(app: FastifyInstance) {
  await publicBookingRoutes(app);
  await partnerBookingRoutes(app);
  await inquiryRoutes(app);
}
