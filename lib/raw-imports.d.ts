// Vite's `?raw` imports: a file's text, bundled (the privacy page ships docs/privacy.md this way).
declare module '*?raw' {
  const text: string;
  export default text;
}
