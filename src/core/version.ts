// The version of the add-in and the command line (the Beslut stamp, --version); a test keeps it equal to package.json's.
export const VERSION = "0.1.0";
