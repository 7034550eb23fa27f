import { registerConstraintErrors } from '../../platform/errors/constraints.ts';

// NAVER-2: one department per Naver product; the unique index, not a lookup before the write, decides.
registerConstraintErrors({
  departments_naver_product_key: 'NAVER_PRODUCT_ALREADY_LINKED',
});
