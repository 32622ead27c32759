/** Types for what the bundler handles: CSS side-effect imports. */
declare module '*.css';
