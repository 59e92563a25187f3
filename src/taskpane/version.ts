// The add-in's version for the Beslut stamp; a test keeps it equal to package.json's.
export const VERSION = "0.1.0";
