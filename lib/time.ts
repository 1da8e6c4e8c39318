// Durations in milliseconds, defined once: every TTL, window and interval is written with
// these (`7 * DAY`, `5 * MINUTE`), never as a bare product of 60s and 1000s.
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
