// office-addin-mock requires office-addin-manifest only for this enum; the real package pulls in
// ESM-only dependencies that jest cannot load (TOOLCHAIN.md).
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
};
