// office-addin-mock imports office-addin-manifest only for this enum; the real package pulls in its CLI
// and usage-data dependencies, slow to load in every test file.
export enum OfficeApp {
  Excel = 'excel',
  OneNote = 'onenote',
  Outlook = 'outlook',
  PowerPoint = 'powerpoint',
  Project = 'project',
  Word = 'word',
}
