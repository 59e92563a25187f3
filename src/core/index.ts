// The pure budget engine: no Office JavaScript API, no xlsx library, no Node, no React.
export * from "./grid";
export * from "./money";
export * from "./dates";
export * from "./values";
export * from "./glossary";
export * from "./period";
export * from "./format";
export * from "./findings";
export * from "./model";
export * from "./read";
export * from "./compute";
export * from "./decision";
export * from "./analyze";
export * from "./result";
export * from "./orgnr";
export * from "./ownership";
export * from "./plan";
