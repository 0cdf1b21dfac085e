import { type InvitableRole, type InvitationCreate, newId, PATHS } from '@proofsheet/protocol';
import type { Config } from '../../config/config.js';
import type { Clock, Random } from '../../deps.js';
import { AppError } from '../../http/app-error.js';
import { queueMail } from '../../mail/queue-mail.js';
import { invitationMail } from '../../mail/templates/invitation-mail.js';
import type {
  AcceptOutcome,
  InvitationRecord,
  InvitationRefusal,
} from '../../storage/ports/invitation-store.js';
import type { Storage } from '../../storage/ports/storage.js';
import type { UserRecord } from '../../storage/ports/user-store.js';
import type { PasswordHasher } from '../password.js';
import { requireStrongPassword } from '../password-rules.js';
import { hashSecret, isSecretShaped, newSecret } from '../tokens.js';

const REFUSALS: Record<InvitationRefusal, string> = {
  unknown: 'This invitation link is not valid: ask the studio for a new invitation',
  accepted: 'This invitation was accepted already: sign in instead',
  revoked: 'This invitation was withdrawn: ask the studio for a new one',
  expired: 'This invitation expired: ask the studio for a new one',
};

/** The 400 of a token that cannot be used, saying why. */
export function refusedInvitation(reason: InvitationRefusal): AppError {
  return new AppError('invitation_token_invalid', REFUSALS[reason]);
}

const ROLE_LABELS: Record<InvitableRole, string> = {
  assistant: 'an assistant',
  gallery_client: 'a client, to see your galleries',
};

/** Where an invitation's link leads: the origins of the API the invited role signs in to. */
export interface InvitationLinkBases {
  studio: string;
  gallery: string;
}

export interface InvitationsContext {
  storage: Pick<Storage, 'accounts' | 'users' | 'invitations' | 'outbox' | 'jobs'>;
  config: Pick<Config, 'mail' | 'invitationLifetimeMs'>;
  clock: Clock;
  random: Random;
  passwords: PasswordHasher;
}

/** What a person accepting an invitation gives. */
export interface Acceptance {
  token: string;
  password: string;
  firstName: string;
  lastName: string;
}

/** Inviting people to a studio by email, and accepting with the link's token. */
export class Invitations {
  constructor(private readonly ctx: InvitationsContext) {}

  /**
   * Invites `body.email` to the account, or renews its open invitation with a new link (the
   * old one stops working), and queues the email. A member of this studio is a 409
   * `already_member`; a user of other studios is invited like anyone (accepting, they sign in
   * with their password), so the answer tells an owner nothing about other studios.
   */
  async invite(
    accountId: string,
    inviterId: string,
    body: InvitationCreate,
    links: InvitationLinkBases,
  ): Promise<InvitationRecord> {
    const { storage, clock, random, config } = this.ctx;
    const [member] = await storage.users.findByEmails(accountId, [body.email]);
    if (member) throw new AppError('already_member');
    const now = clock.now();
    const token = newSecret(random);
    const invitation = await storage.invitations.invite({
      id: newId('invitation', random.bytes),
      accountId,
      email: body.email,
      role: body.role,
      firstName: body.first_name?.trim() ?? '',
      lastName: body.last_name?.trim() ?? '',
      // Store only a hash of the token: a leaked table lets no one in.
      tokenHash: hashSecret(token),
      invitedBy: inviterId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + config.invitationLifetimeMs),
      acceptedAt: null,
      acceptedUserId: null,
      revokedAt: null,
    });
    // Gallery clients sign in to the Gallery API, staff to the Studio API.
    const base = body.role === 'gallery_client' ? links.gallery : links.studio;
    const account = await storage.accounts.findById(accountId);
    const mail = invitationMail({
      firstName: invitation.firstName,
      studioName: account?.name ?? 'A studio',
      roleLabel: ROLE_LABELS[invitation.role],
      link: `${base}${PATHS.acceptInvitation}?token=${token}`,
      days: Math.max(1, Math.round(config.invitationLifetimeMs / 86_400_000)),
    });
    await queueMail(this.ctx, { accountId, kind: 'invitation', to: invitation.email, ...mail });
    return invitation;
  }

  /**
   * The invitation that brings `email` into the account as a gallery client when a collection
   * is shared with an address that has no account here: its open invitation if one still
   * works (no second email for each save of the collection), else a new or renewed one, mailed.
   * `sent` says whether an email went out.
   */
  async forShare(
    accountId: string,
    inviterId: string,
    email: string,
    links: InvitationLinkBases,
  ): Promise<{ invitation: InvitationRecord; sent: boolean }> {
    const open = await this.ctx.storage.invitations.findOpen(accountId, email);
    if (open && open.expiresAt > this.ctx.clock.now()) return { invitation: open, sent: false };
    const role = open?.role ?? 'gallery_client';
    const invitation = await this.invite(accountId, inviterId, { email, role }, links);
    return { invitation, sent: true };
  }

  /** The invitation a token names, if it can still be accepted; else the 400 saying why. */
  async pending(token: string): Promise<InvitationRecord> {
    if (!isSecretShaped(token)) throw refusedInvitation('unknown');
    const found = await this.ctx.storage.invitations.findByTokenHash(hashSecret(token));
    if (!found) throw refusedInvitation('unknown');
    if (found.acceptedAt !== null) throw refusedInvitation('accepted');
    if (found.revokedAt !== null) throw refusedInvitation('revoked');
    if (found.expiresAt <= this.ctx.clock.now()) throw refusedInvitation('expired');
    return found;
  }

  /**
   * Accepts an invitation: the token is used up and its user made, in the inviting account
   * with the invited role, at once (of two accepts with one link, one makes a user). The
   * password follows the rules of a new password (422 with advice; the link still works).
   */
  async accept(acceptance: Acceptance): Promise<UserRecord> {
    const { storage, clock, random, passwords } = this.ctx;
    const invitation = await this.pending(acceptance.token);
    const account = await storage.accounts.findById(invitation.accountId);
    requireStrongPassword(acceptance.password, {
      email: invitation.email,
      firstName: acceptance.firstName,
      lastName: acceptance.lastName,
      studioName: account?.name ?? null,
    });
    // Hash before using the token up: a hash pool that refuses (503) leaves the link working.
    const passwordHash = await passwords.hash(acceptance.password);
    const now = clock.now();
    const outcome = await storage.invitations.accept(invitation.tokenHash, now, (i) => ({
      kind: 'new',
      user: {
        id: newId('user', random.bytes),
        accountId: i.accountId,
        email: i.email,
        firstName: acceptance.firstName.trim(),
        lastName: acceptance.lastName.trim(),
        role: i.role,
        passwordHash,
        createdAt: now,
      },
    }));
    return acceptedUser(outcome);
  }

  /**
   * Accepts an invitation for a user who exists already (a member of other studios), once
   * the caller has checked their password: they join the inviting studio with the invited
   * role, and their next sign-in opens it. The user is returned as that studio's member.
   */
  async join(token: string, userId: string): Promise<UserRecord> {
    const invitation = await this.pending(token);
    const outcome = await this.ctx.storage.invitations.accept(
      invitation.tokenHash,
      this.ctx.clock.now(),
      () => ({ kind: 'existing', userId }),
    );
    return acceptedUser(outcome);
  }
}

/** The member an accept made, or the error saying why it made none. */
function acceptedUser(outcome: AcceptOutcome): UserRecord {
  if (outcome.ok) return outcome.user;
  switch (outcome.reason) {
    case 'email_taken':
      return fail(
        'already_member',
        'An account with this address was made meanwhile: open the link again and enter its password',
      );
    case 'already_member':
      return fail('already_member', 'You are a member of this studio already: sign in instead');
    case 'user_gone':
      return fail('conflict', 'Your account changed meanwhile: open the link again');
    default:
      throw refusedInvitation(outcome.reason);
  }
}

function fail(code: 'already_member' | 'conflict', message: string): never {
  throw new AppError(code, message);
}
