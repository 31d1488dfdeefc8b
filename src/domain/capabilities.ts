/**
 * What this deployment can do, decided once by the composition root from its configuration. The domain's
 * truths that depend on it (`canEmailClient`) take it as an argument, so no front end reads the environment.
 */
export interface Capabilities {
  /** Outgoing e-mail to clients is configured (`SMTP_URL`): replies, drafts and summaries can go by e-mail. */
  readonly email: boolean;
}
