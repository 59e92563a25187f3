// Swedish organisation numbers: NNNNNN-NNNN with a Luhn check digit (12 digits with a century prefix).

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function isValidOrgNumber(text: string): boolean {
  // Any dash a word processor puts in its place (a non-breaking hyphen, an en dash) is the hyphen.
  const compact = text.replace(/[\s\u2010-\u2014\u2212-]/g, "");
  if (!/^(\d{10}|\d{12})$/.test(compact)) return false;
  return luhnValid(compact.slice(-10));
}
