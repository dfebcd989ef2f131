/**
 * Well-known weak passwords of 12 or more characters (shorter ones are refused by length already),
 * written for Galen from the patterns every breached-password list is full of: keyboard rows,
 * counting, "password"/"welcome" with digits, the product's own name. Issue #19 replaces this with
 * a breached-password corpus; until then this catches the obvious. Compared lowercased.
 * @see https://pages.nist.gov/800-63-3/sp800-63b.html#memsecretver (§5.1.1.2: compare against
 *   breached passwords, dictionary words, repetitive or sequential characters, context words)
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'password1234!',
  'p@ssword1234',
  'p@ssw0rd1234',
  'passw0rd1234',
  'iloveyou1234',
  'qwertyuiop12',
  'qwerty123456',
  '123456qwerty',
  '1q2w3e4r5t6y',
  'q1w2e3r4t5y6',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  'qazwsxedcrfv',
  'asdfghjkl123',
  'abc123abc123',
  'abcd1234abcd',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  'administrator',
  'administrator1',
  'trustno1trustno1',
  'correcthorsebatterystaple',
  'correct horse battery staple',
  'galenpassword',
  'galen1234567',
  'hospital1234',
  'healthcare123',
  'doctor123456',
  'nurse1234567',
  'clinician123',
]);

/**
 * Words that, followed only by digits and punctuation ("Welcome2024!!", "Password#12345"), make a
 * guessable password: the commonest stems of breached passwords, and this product's context.
 */
export const WEAK_STEMS: ReadonlySet<string> = new Set([
  'password',
  'passw0rd',
  'p@ssword',
  'p@ssw0rd',
  'welcome',
  'letmein',
  'changeme',
  'qwerty',
  'admin',
  'administrator',
  'iloveyou',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'summer',
  'winter',
  'spring',
  'autumn',
  'galen',
  'hospital',
  'doctor',
  'nurse',
  'clinician',
  'reviewer',
  'demo',
  'secret',
]);

/** Keyboard rows and counting sequences: a password inside one of these (or its reverse) is refused. */
export const SEQUENCES: readonly string[] = [
  '01234567890123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '!@#$%^&*()_+',
];
