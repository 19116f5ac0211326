/** Where the standalone page puts the form and the results side by side (the Office pane is always narrow). */
export const WIDE = '@media (min-width: 900px)';
