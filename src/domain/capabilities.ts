/**
 * What the institution whose work it is can do, answered by the composition root from its mailbox (issue #17). The
 * domain's truths that depend on it (`canEmailClient`) take it as an argument, so no front end reads the settings.
 */
export interface Capabilities {
  /** The institution has an outgoing mail server (its own, or SMTP_URL): replies, drafts and summaries can go by e-mail. */
  readonly email: boolean;
}
