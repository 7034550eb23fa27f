/** Who calls the POS API (MSG-1): a POS with its key, or a signed-in user with 고객 수정. */
export interface PosCaller {
  businessId: string;
  timeZone: string;
  /** A POS typed the phone itself; a user sees phones by their permission. */
  canSeeFullPhone: boolean;
  via: 'key' | 'session';
}
