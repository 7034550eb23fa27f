import type { FastifyInstance } from 'fastify';

export default async function schedulesRoutes(_app: FastifyInstance) {}
