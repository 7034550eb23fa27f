import type { Database } from '../../platform/db/database.ts';

export const NOTIFICATION_CHANNEL = 'yeyak_notifications';

export interface NotificationSignal {
  businessId: string;
  userId: string;
  notificationId: string;
}

type Subscriber = (signal: NotificationSignal) => void;

/**
 * Fans notifications out to the open browsers of this process. Writers send a
 * pg_notify inside their transaction, so a signal arrives only after commit,
 * and every server process (PostgreSQL) or the one embedded process hears it.
 */
export class NotificationBus {
  readonly #database: Database;
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  #stop: (() => Promise<void>) | null = null;

  constructor(database: Database) {
    this.#database = database;
  }

  async start(): Promise<void> {
    this.#stop = await this.#database.listen(NOTIFICATION_CHANNEL, (payload) => {
      let signal: NotificationSignal;
      try {
        signal = JSON.parse(payload) as NotificationSignal;
      } catch {
        return;
      }
      for (const subscriber of this.#subscribers.get(signal.userId) ?? []) subscriber(signal);
    });
  }

  async stop(): Promise<void> {
    await this.#stop?.();
    this.#subscribers.clear();
  }

  subscribe(userId: string, subscriber: Subscriber): () => void {
    let set = this.#subscribers.get(userId);
    if (!set) {
      set = new Set();
      this.#subscribers.set(userId, set);
    }
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.#subscribers.delete(userId);
    };
  }
}
