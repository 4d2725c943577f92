import { inspect } from 'node:util';

/**
 * A secret held in memory. JSON, string conversion, util.inspect and pino all see
 * "[redacted]": a config object logged by mistake still does not carry the password.
 */
export class SecretValue {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself, for the one call that sends it (the bind). */
  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'SecretValue([redacted])';
  }
}
