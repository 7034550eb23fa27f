/**
 * Every TanStack Query key of the app, in one place: a list and what refreshes
 * it cannot drift apart. A key is a path from the general to the particular,
 * so invalidating a prefix (`keys.calendar.all`) refreshes everything under it.
 */
export const keys = {
  me: ['me'] as const,
  business: ['business'] as const,

  // settings
  staff: ['staff'] as const,
  departments: ['departments'] as const,
  memoTypes: ['memo-types'] as const,
  users: ['users'] as const,
  permissionGroups: ['permission-groups'] as const,
  naverConnection: ['naver-connection'] as const,
  backups: ['settings', 'backups'] as const,

  // calendar and schedules
  calendar: {
    all: ['calendar'] as const,
    range: (from: string, days: number) => ['calendar', from, days] as const,
  },
  schedule: {
    all: ['schedule'] as const,
    one: (id: string) => ['schedule', id] as const,
    history: (id: string) => ['schedule-history', id] as const,
    naver: (id: string) => ['schedule-naver', id] as const,
  },
  notifications: ['notifications'] as const,

  // customers and loyalty
  customers: {
    all: ['customers'] as const,
    /** OPS-8: the list's search, filters and order (the API query), and the page. */
    list: (query: object, page: number) => ['customers', 'list', query, page] as const,
    picker: (q: string) => ['customers', 'picker', q] as const,
  },
  customer: {
    all: ['customer'] as const,
    one: (id: string) => ['customer', id] as const,
    schedulesAll: ['customer-schedules'] as const,
    schedules: (id: string) => ['customer-schedules', id] as const,
    duplicatesAll: ['customer-duplicates'] as const,
    duplicates: (id: string) => ['customer-duplicates', id] as const,
    visits: (id: string) => ['customer-visits', id] as const,
    import: (importId: string | null) => ['customer-import', importId] as const,
    /** LAW-2: 동의 이력. */
    consents: (id: string) => ['customer-consents', id] as const,
  },
  loyalty: {
    grades: ['customer-grades'] as const,
    tags: ['customer-tags'] as const,
    groups: ['customer-groups'] as const,
    posKeys: ['pos-keys'] as const,
  },

  // messages
  messages: {
    all: ['messages'] as const,
    list: (page: number) => ['messages', 'list', page] as const,
    templates: ['messages', 'templates'] as const,
    draft: ['messages', 'draft'] as const,
    one: (id: string) => ['messages', 'one', id] as const,
    recipients: (id: string, ...rest: readonly unknown[]) => ['messages', 'recipients', id, ...rest] as const,
    report: (id: string, ...rest: readonly unknown[]) => ['messages', 'report', id, ...rest] as const,
    audience: (...rest: readonly unknown[]) => ['messages', 'audience', ...rest] as const,
    preview: (body: string) => ['messages', 'preview', body] as const,
    directSearch: (q: string) => ['messages', 'direct-search', q] as const,
    directNames: (ids: readonly string[]) => ['messages', 'direct-names', ids] as const,
  },
  /** 설정 > 메시지 발송 (MSG-11): the shop's Solapi account. */
  messagingSettings: ['settings', 'messaging'] as const,
  /** 설정 > 알림 메시지 and the notice histories (NOTI-1 … NOTI-4). */
  noticeSettings: ['settings', 'notices'] as const,
  notices: (...rest: readonly unknown[]) => ['notices', ...rest] as const,

  // the partner center: catalog, bookings, inquiries
  catalog: {
    all: ['catalog'] as const,
    places: ['catalog', 'places'] as const,
    place: (id: string) => ['catalog', 'place', id] as const,
    product: (id: string) => ['catalog', 'product', id] as const,
    options: ['catalog', 'options'] as const,
    availabilityOf: (productId: string) => ['catalog', 'availability', productId] as const,
    availability: (productId: string, from: string, to: string) => ['catalog', 'availability', productId, from, to] as const,
  },
  partner: {
    all: ['partner'] as const,
    summary: ['partner', 'summary'] as const,
    bookings: (filters: object) => ['partner', 'bookings', filters] as const,
    booking: (id: string) => ['partner', 'booking', id] as const,
    inquiriesAll: ['partner', 'inquiries'] as const,
    inquiries: (status: string, page: number) => ['partner', 'inquiries', status, page] as const,
    productOptions: ['partner', 'product-options'] as const,
  },

  // payments: 정산 (partner center) and 설정 > 결제, 수수료
  settlements: {
    all: ['settlements'] as const,
    list: ['settlements', 'list'] as const,
    statement: (periodStart: string) => ['settlements', 'statement', periodStart] as const,
  },
  paymentSettings: ['settings', 'payments'] as const,
  feeSettings: ['settings', 'fees'] as const,

  // the public booking page
  booking: {
    place: (placeId: string) => ['public', 'place', placeId] as const,
    product: (productId: string) => ['public', 'product', productId] as const,
    availabilityOf: (productId: string) => ['public', 'availability', productId] as const,
    availability: (productId: string, from: string, to: string) => ['public', 'availability', productId, from, to] as const,
    booking: (bookingNumber: string, phone: string) => ['public', 'booking', bookingNumber, phone] as const,
    checkout: (orderId: string) => ['public', 'checkout', orderId] as const,
  },
};
