import type { DataSource } from 'typeorm';
import type { InstitutionId } from '../domain/institution.js';
import { isUniqueViolation } from './postgres-errors.js';

/** What an institution is called: its web address part (`/<slug>/`) and its name (issue #17). */
export interface InstitutionName {
  slug: string;
  name: string;
}

/** Lower-case letters, digits and hyphens, 2–63 long, as the `institutions` table checks. */
export const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** The slug is taken by another institution. */
export class InstitutionExistsError extends Error {
  constructor(slug: string) {
    super(`An institution "${slug}" already exists: choose another short name.`);
    this.name = 'InstitutionExistsError';
  }
}

/** Every institution the deployment serves (the table has no row-level policy: names are no one's secret). */
export async function institutionIds(dataSource: DataSource): Promise<InstitutionId[]> {
  const rows: Array<{ id: number }> = await dataSource.query('SELECT id FROM institutions ORDER BY id');
  return rows.map((row) => row.id);
}

/** The institution with this short name, or null. */
export async function findInstitution(dataSource: DataSource, slug: string): Promise<{ id: InstitutionId; name: string } | null> {
  const [row]: Array<{ id: number; name: string }> = await dataSource.query('SELECT id, name FROM institutions WHERE slug = $1', [slug]);
  return row ?? null;
}

/** Adds an institution; only the owner may (the service's role reads the table but does not write it). */
export async function addInstitution(owner: DataSource, institution: InstitutionName): Promise<InstitutionId> {
  try {
    const [{ id }]: Array<{ id: number }> = await owner.query('INSERT INTO institutions (slug, name) VALUES ($1, $2) RETURNING id', [institution.slug, institution.name]);
    return id;
  } catch (error) {
    if (isUniqueViolation(error, 'institutions_slug_key')) throw new InstitutionExistsError(institution.slug);
    throw error;
  }
}

/** Takes back an institution added a moment ago whose setup failed (its mailbox with it); one with staff stays. */
export async function removeEmptyInstitution(owner: DataSource, id: InstitutionId): Promise<void> {
  await owner.transaction(async (manager) => {
    const empty = 'NOT EXISTS (SELECT 1 FROM staff_members s WHERE s.institution_id = $1)';
    await manager.query(`DELETE FROM institution_mailboxes WHERE institution_id = $1 AND ${empty}`, [id]);
    await manager.query(`DELETE FROM institutions WHERE id = $1 AND ${empty}`, [id]);
  });
}
