/** The namespace prefixes a `remoteClass` carries in exports; the registry knows the bare class name. */
const NAMESPACE_PREFIX = /^(?:vlocity_ins|vlocity_cmt|vlocity_ps|omnistudio|%vlocity_namespace%)\./i;

export function stripNamespace(remoteClass: string): string {
  return remoteClass.replace(NAMESPACE_PREFIX, '');
}
