export { StandaloneApp } from './StandaloneApp';
export type { StandaloneAppProps, PageUpdates } from './StandaloneApp';
export { InputForm } from './InputForm';
export { SurveyGrid } from './SurveyGrid';
export { OpenFile, DropZone, useFileDrop } from './OpenFile';
export { registerServiceWorker, secureEnough } from './serviceWorker';
