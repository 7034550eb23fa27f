import { PERMISSION_LABELS } from '../../../shared/labels/auth.ts';
import { PERMISSIONS } from '../../auth/index.ts';

/** Every permission flag with its Korean label, in the order settings show them. */
export function listPermissions() {
  return { items: PERMISSIONS.map((key) => ({ key, label: PERMISSION_LABELS[key] })) };
}
