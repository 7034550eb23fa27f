// What the app's demo seed and the benchmarks write directly: the connection, product links and bookings.
export * from './connections.ts';
export * from './bookings.ts';
