/** An account: one studio and everyone who works for it or buys from it. */
export interface AccountRecord {
  id: string;
  name: string;
  subdomain: string;
  plan: string;
  timezone: string;
  currency: string;
  locale: string;
  createdAt: Date;
}

export interface AccountStore {
  create(account: AccountRecord): Promise<void>;
  findById(id: string): Promise<AccountRecord | null>;
  /** The first account created: the one a fresh install's demo data goes into. */
  findFirst(): Promise<AccountRecord | null>;
}
