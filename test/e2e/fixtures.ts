import { expect, test as base, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { ScheduleStatus } from '../../src/platform/db/types.ts';
import { todayIn } from '../../src/platform/time.ts';

/** The demo login the product prints when it starts. */
export const DEMO_LOGIN = { email: 'admin@demo.yeyak.kr', password: 'demo1234!' };

/** Names of the customers and schedules the tests make, so they are easy to tell from the demo's. */
export const E2E_PREFIX = 'E2E';

export interface Staff {
  id: string;
  name: string;
  kind: 'user' | 'resource' | 'naver' | 'booking_page';
  sortOrder: number;
  active: boolean;
}

export interface Schedule {
  id: string;
  staffId: string;
  startsAt: string;
  status: ScheduleStatus;
  customer: { id: string; name: string };
}

export interface Customer {
  id: string;
  name: string;
  phone: string;
}

interface CalendarData {
  timeZone: string;
  staff: Staff[];
  schedules: Schedule[];
}

/** The HTTP API as the logged-in browser: page.request shares the page's cookies. */
export class Api {
  private readonly request: APIRequestContext;

  constructor(request: APIRequestContext) {
    this.request = request;
  }

  private async json<T>(method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
    const response = await this.request.fetch(url, { method, data });
    expect(response.ok(), `${method} ${url} → ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  async businessTimeZone(): Promise<string> {
    const me = await this.json<{ business: { timeZone: string } }>('GET', '/api/auth/me');
    return me.business.timeZone;
  }

  calendarDay(date: string): Promise<CalendarData> {
    return this.json('GET', `/api/calendar?date=${date}&days=1`);
  }

  /** Staff who take bookings, in the calendar's column order (the virtual 네이버예약 and 예약페이지 staff excluded). */
  async realStaff(date: string): Promise<Staff[]> {
    const { staff } = await this.calendarDay(date);
    return staff
      .filter((s) => s.kind !== 'naver' && s.kind !== 'booking_page' && s.active)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'ko'));
  }

  customers(limit: number): Promise<{ items: Customer[]; total: number }> {
    return this.json('GET', `/api/customers?limit=${limit}`);
  }

  /** A customer of the test's own, with a name nobody else uses. */
  createCustomer(label: string): Promise<Customer> {
    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    return this.json('POST', '/api/customers', { name: `${E2E_PREFIX} ${label} ${digits.slice(4)}`, phone: `010${digits}` });
  }

  createSchedule(input: { customerId: string; staffId: string; startsAt: Date; minutes: number; status?: 'pending' | 'confirmed' }): Promise<Schedule> {
    return this.json('POST', '/api/schedules', {
      customerId: input.customerId,
      staffId: input.staffId,
      startsAt: input.startsAt.toISOString(),
      endsAt: new Date(input.startsAt.getTime() + input.minutes * 60_000).toISOString(),
      ...(input.status ? { status: input.status } : {}),
      // Set-up data beside the demo's own schedules: the overlap warning (OPS-3) and the staff-absence one (OPS-2) have their own tests.
      allowOverlap: true,
      allowAbsent: true,
    });
  }
}

/** Logs in through the login form, as a person does, and waits for the calendar. */
export async function logInThroughForm(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('이메일').fill(DEMO_LOGIN.email);
  await page.getByLabel('비밀번호').fill(DEMO_LOGIN.password);
  await page.getByRole('button', { name: '로그인' }).click();
  await expect(page).toHaveURL(/\/calendar/);
}

export function calendarColumn(page: Page, staffId: string): Locator {
  return page.locator(`[data-testid="calendar-column"][data-staff-id="${staffId}"]`);
}

export function scheduleCard(scope: Page | Locator, scheduleId: string): Locator {
  return scope.locator(`[data-testid="schedule-card"][data-schedule-id="${scheduleId}"]`);
}

/**
 * Drags a card into another column at the same height (so at the same time)
 * with real pointer events: dnd-kit's PointerSensor starts a drag only after
 * the pointer has moved a few pixels with the button held, and follows the
 * moves in between.
 */
export async function dragToColumn(page: Page, card: Locator, column: Locator): Promise<void> {
  await card.scrollIntoViewIfNeeded();
  const from = await card.boundingBox();
  const to = await column.boundingBox();
  if (!from || !to) throw new Error('the card or the column is not on screen');
  const start = { x: from.x + from.width / 2, y: from.y + Math.min(from.height / 2, 12) };
  const targetX = to.x + to.width / 2;
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 10, start.y, { steps: 5 });
  await page.mouse.move(targetX, start.y, { steps: 20 });
  await page.mouse.move(targetX, start.y, { steps: 2 });
  await page.mouse.up();
}

/**
 * Waits for a schedule's save (PATCH) started by `act`. When the target staff
 * already has a schedule at that time the product asks first (OPS-3): the
 * test answers 겹쳐도 저장, as the person whose data it set up would, and
 * returns the save that followed.
 */
export async function saveMoveAcceptingOverlap(page: Page, scheduleId: string, act: () => Promise<void>) {
  const isSave = (r: { url(): string; request(): { method(): string } }) => r.url().endsWith(`/api/schedules/${scheduleId}`) && r.request().method() === 'PATCH';
  const first = page.waitForResponse(isSave);
  await act();
  const response = await first;
  if (response.status() !== 409 || !(await response.text()).includes('SCHEDULE_OVERLAP')) return response;
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('이 시간의 일정이 있습니다');
  const retried = page.waitForResponse(isSave);
  await dialog.getByRole('button', { name: '겹쳐도 저장' }).click();
  return retried;
}

interface Fixtures {
  /** A page logged in as the demo admin, on the calendar. */
  loggedIn: Page;
  api: Api;
  /** The business's time zone and today's date in it. */
  today: { timeZone: string; date: string };
}

export const test = base.extend<Fixtures>({
  loggedIn: async ({ page }, use) => {
    await logInThroughForm(page);
    await use(page);
  },
  api: async ({ loggedIn }, use) => {
    await use(new Api(loggedIn.request));
  },
  today: async ({ api }, use) => {
    const timeZone = await api.businessTimeZone();
    await use({ timeZone, date: todayIn(timeZone) });
  },
});

export { expect };
