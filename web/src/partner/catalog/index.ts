/** The partner center's places and products (BOOK-1..6), routed by ../PartnerApp.tsx. */
export { PlacesPage } from './PlacesPage';
export { PlaceEditPage } from './PlaceEditPage';
export { ProductNewPage } from './ProductNewPage';
export { ProductEditPage } from './ProductEditPage';
