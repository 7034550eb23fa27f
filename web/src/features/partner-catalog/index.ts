/** The partner center's places and products (BOOK-1..6), routed by ../../apps/partner.tsx. */
export { PlacesPage } from './PlacesPage';
export { PlaceEditPage } from './PlaceEditPage';
export { ProductNewPage } from './ProductNewPage';
export { ProductEditPage } from './ProductEditPage';
