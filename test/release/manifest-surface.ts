/**
 * What a manifest tells the stores' reviewers and the rep: the parts kept in manifest-expected.json. Anything
 * else in the manifest (names, icons, page paths) changes no permission prompt or review answer.
 */
export function surface(manifest: Record<string, unknown>) {
  const cs = (manifest.content_scripts as { matches: string[]; js?: string[]; css?: string[]; run_at?: string; all_frames?: boolean }[] | undefined) ?? [];
  const gecko = (manifest.browser_specific_settings as { gecko?: Record<string, unknown> } | undefined)?.gecko ?? null;
  return {
    manifest_version: manifest.manifest_version,
    permissions: manifest.permissions ?? [],
    optional_permissions: manifest.optional_permissions ?? [],
    host_permissions: manifest.host_permissions ?? [],
    optional_host_permissions: manifest.optional_host_permissions ?? [],
    content_scripts: cs.map((c) => ({ matches: c.matches, all_frames: c.all_frames ?? false, run_at: c.run_at ?? 'document_idle' })),
    web_accessible_resources: manifest.web_accessible_resources ?? [],
    content_security_policy: manifest.content_security_policy ?? null,
    externally_connectable: manifest.externally_connectable ?? null,
    gecko,
    // The keyboard shortcut the rep is told about (README, Keyboard): a change is deliberate.
    commands: manifest.commands ?? null,
  };
}
