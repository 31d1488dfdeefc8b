import type { DataSource } from 'typeorm';
import type { InstitutionId } from '../domain/institution.js';
import type { InstitutionSettingsStore, StoredInstitution } from '../domain/institution-profiles.js';
import type { InstitutionSettingsRepository } from '../domain/institution-settings.service.js';
import { institutionSettingsSchema, type InstitutionSettings } from '../domain/institution-settings.js';

/** The institutions' own settings, in `institutions.settings` (migration 1763900000022). */
export class PostgresInstitutionSettings implements InstitutionSettingsStore, InstitutionSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async all(): Promise<Map<InstitutionId, StoredInstitution>> {
    const rows: Array<{ id: number; slug: string; name: string; settings: unknown }> = await this.dataSource.query('SELECT id, slug, name, settings FROM institutions ORDER BY id');
    // A row edited by hand into something unreadable keeps the defaults rather than stopping every institution.
    return new Map(rows.map((row) => [row.id, { slug: row.slug, name: row.name, own: institutionSettingsSchema.safeParse(row.settings).data ?? {} }]));
  }

  async own(): Promise<InstitutionSettings> {
    const [row]: Array<{ settings: unknown }> = await this.dataSource.query('SELECT settings FROM institutions WHERE id = langelis_institution()');
    if (!row) throw new Error('no institution is named for this work');
    return institutionSettingsSchema.safeParse(row.settings).data ?? {};
  }

  /** Saves the current institution's own settings (row-level security lets a transaction change only its own). */
  async save(settings: InstitutionSettings): Promise<void> {
    const [, changed]: [unknown, number] = await this.dataSource.query(
      'UPDATE institutions SET settings = $1::jsonb, settings_changed_at = now() WHERE id = langelis_institution()',
      [JSON.stringify(settings)],
    );
    if (changed !== 1) throw new Error('no institution is named for this change');
  }
}
