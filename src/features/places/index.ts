// The places feature's public face: the only file other features (and the app) import.
export * as placesRepository from './repository.ts';
export { CATALOG_READERS } from './access.ts';
export { publicProductUrl } from './domain/urls.ts';
export { ImageStore, normaliseImage } from './images.ts';
export { default as placesRoutes } from './routes.ts';
