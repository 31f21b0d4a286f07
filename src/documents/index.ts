export * from './format.ts';
export { fontPaths } from './fonts.ts';
export * from './forms.ts';
export { LOGBOOK_FIRST_DATA_ROW, LOGBOOK_HEADER_ROW } from './logbook-xlsx.ts';
export { countPdfPages, extractPdfInfo, extractPdfText } from './pdf-inspect.ts';
