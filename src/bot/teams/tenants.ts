import type { ChatInstallations } from '../../domain/chat-installations.js';
import { FIRST_INSTITUTION, inInstitution, type InstitutionId } from '../../domain/institution.js';

/**
 * Issue #17: one bot registration serves many Microsoft 365 tenants, each mapped to its institution by the operator
 * (`npm run institution:teams-tenant`). The bot's own tenant (MicrosoftAppTenantId) and the Emulator (no tenant) are
 * the first institution's. Until the first institution's own tenant is mapped, a tenant mapped to no institution is
 * the first institution's, as every tenant was before; from then on it is served by none.
 */
export class TeamsTenants {
  constructor(
    private readonly installations: ChatInstallations,
    /** MicrosoftAppTenantId: a single-tenant bot's home tenant. */
    private readonly homeTenant: string | null,
  ) {}

  /** The institution an activity from `tenant` is work of; null when the tenant serves none (unmapped, or removed). */
  async institutionOf(tenant: string | null): Promise<InstitutionId | null> {
    if (!tenant || tenant === this.homeTenant) return FIRST_INSTITUTION;
    const owner = await this.installations.ownerOf('teams', tenant.toLowerCase());
    if (owner) return owner.revoked ? null : owner.institution;
    const firstMapped = await inInstitution(FIRST_INSTITUTION, () => this.installations.active('teams'));
    return firstMapped ? null : FIRST_INSTITUTION;
  }
}
