/**
 * The rule for new passwords, after NIST SP 800-63B §5.1.1.2 (memorized secret verifiers):
 * at least 12 characters (the standard's floor is 8; 12 is this project's choice for a system
 * holding health records), at most 1024, every printable character and space allowed, no
 * composition rules ("one digit, one symbol"), and a check against commonly used, sequential,
 * repetitive and context-specific values (the username, the product's name).
 * Existing passwords are not re-checked: the rule applies when a password is set.
 * @see https://pages.nist.gov/800-63-3/sp800-63b.html#memsecretver
 */
import { badRequest } from '@galen/fhir';
import { COMMON_PASSWORDS, SEQUENCES, WEAK_STEMS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/** Why this password may not be set, or `undefined` when it may. */
export function passwordProblem(password: string, context: { username?: string } = {}): string | undefined {
  // NIST counts Unicode code points, not UTF-16 units.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH)
    return `Password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters (NIST SP 800-63B §5.1.1.2); a few unrelated words make a good one`;
  const lower = password.toLowerCase();
  const guessable = 'This password is too easy to guess; choose another (a few unrelated words make a good one)';
  if (COMMON_PASSWORDS.has(lower)) return guessable;
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (WEAK_STEMS.has(stem)) return guessable;
  // One short unit repeated: "aaaaaaaaaaaa", "abcabcabcabc", "12121212121212".
  if (/^([\s\S]{1,4})\1+$/u.test(lower)) return guessable;
  if (SEQUENCES.some((s) => s.includes(lower) || [...s].reverse().join('').includes(lower))) return guessable;
  const user = context.username?.toLowerCase();
  if (user && user.length >= 3 && lower.includes(user)) return 'Password must not contain the username';
  return undefined;
}

/** Throw a 400 OperationOutcome (element `password`) when the password may not be set. */
export function checkNewPassword(password: string, context: { username?: string } = {}): void {
  const problem = passwordProblem(password, context);
  if (problem) throw badRequest(problem, 'password');
}
