// The places feature's public face: the only file other features (and the app) import.
export * as placesRepository from './repository.ts';
export { ImageStore } from './images.ts';
export { default as placesRoutes } from './routes.ts';
export { normaliseImage } from './images.ts';
export { publicProductUrl } from './places.ts';
export { requireCatalogRead } from './places.ts';
export { requireCatalogWrite } from './places.ts';
