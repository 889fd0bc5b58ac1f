import { PolicyResource } from "@pulumi/policy";
import { describe } from "./stackLookup";
/**
 * Preview values that are not known yet. The policy server wraps every resource's properties in a
 * proxy that throws `UnknownValueError` when a rule reads one; uncaught, the server turns it into
 * one advisory "can't run policy … during preview" diagnostic and the rule reports nothing else.
 * Rules catch it per resource (or per concern) instead, judge everything they can, and rethrow one
 * error naming what they could not judge: still advisory, but known violations are not lost.
 * (@pulumi/policy server.js makeAnalyzeRpcFun / makeAnalyzeStackRpcFun; proxy.js)
 */

interface ProxyModule {
  UnknownValueError: new (sentinel: string, props: string[]) => Error;
  unknownStringValue: string;
}
// proxy.js is internal to @pulumi/policy (no typings); the error class must be the very one the
// server checks with instanceof, so it comes from the same installed copy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as ProxyModule;

/** How every "cannot judge yet" message begins. */
export const NOT_JUDGED = "not judged until the values are known:";

export function isUnknownValue(error: unknown): error is Error {
  return error instanceof proxy.UnknownValueError;
}

/** One thing a rule could not judge during a preview, and the resource it belongs to. */
export interface UndecidedItem {
  what: string;
  /** The resource's URN, when the item belongs to one. */
  urn?: string;
}

/** The error `Undecided.finish` throws: the server's own class, with the items attached. */
export type UndecidedError = Error & { undecidedItems?: UndecidedItem[] };

/** Collects what a rule could not judge during a preview, and tells the server once at the end. */
export class Undecided {
  private readonly items: UndecidedItem[] = [];

  /** Runs `judge`; when it reads an unknown value, notes `what` and returns `undefined`. */
  attempt<T>(what: string, judge: () => T, urn?: string): T | undefined {
    try {
      return judge();
    } catch (error) {
      if (!isUnknownValue(error)) {
        throw error;
      }
      this.items.push({ what: `${what} (${error.message})`, urn });
      return undefined;
    }
  }

  /** {@link attempt} for one resource: named as `name (Type)` (only when noted), under its URN. */
  attemptOn<T>(resource: PolicyResource, judge: () => T): T | undefined {
    try {
      return judge();
    } catch (error) {
      if (!isUnknownValue(error)) {
        throw error;
      }
      this.items.push({ what: `${describe(resource)} (${error.message})`, urn: resource.urn });
      return undefined;
    }
  }

  /** Async form of `attempt`. */
  async attemptAsync<T>(
    what: string,
    judge: () => Promise<T>,
    urn?: string,
  ): Promise<T | undefined> {
    try {
      return await judge();
    } catch (error) {
      if (!isUnknownValue(error)) {
        throw error;
      }
      this.items.push({ what: `${what} (${error.message})`, urn });
      return undefined;
    }
  }

  /** Notes `what` as not judged: a part a model found not known yet. */
  note(what: string, urn?: string): void {
    this.items.push({ what, urn });
  }

  /** Throws one advisory "cannot judge" error when anything was unknown; otherwise nothing. */
  finish(): void {
    if (this.items.length === 0) {
      return;
    }
    const error: UndecidedError = new proxy.UnknownValueError(proxy.unknownStringValue, []);
    error.message = `${NOT_JUDGED} ${this.items.map((item) => item.what).join("; ")}`;
    error.undecidedItems = [...this.items];
    throw error;
  }
}

/** The sentinel the engine sends for a value not known during a preview (tests use it). */
export const UNKNOWN = proxy.unknownStringValue;
