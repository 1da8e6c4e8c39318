/** The current time. Time-dependent code takes a clock so tests control expiry without sleeping. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
