import { shortHash } from "../core/hash";
import { physicalName } from "../core/naming";

/**
 * The name of a Google-managed certificate, carrying a hash of its domains. `managed.domains` cannot be updated: a
 * change replaces the certificate (https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/
 * compute_managed_ssl_certificate, "managed.domains ... Changing this forces a new resource"), and Pulumi creates the
 * replacement before deleting the old one, while the HTTPS proxy still uses it. With a fixed name the new certificate
 * collides with the old ("already exists") and the change never completes; a name per domain set lets the new one
 * be created, the proxy move to it, then the old one be deleted. The same domains always give the same name.
 */
export function managedCertificateName(component: string, domains: readonly string[]): string {
  return physicalName("gcpResource", component, "cert", shortHash([...domains].sort().join(","), 8));
}
