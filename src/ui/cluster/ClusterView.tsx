// Replaced by the cluster view engineer.
export function ClusterView() {
  return <p style={{ padding: 12 }}>The cluster view is being built.</p>;
}
