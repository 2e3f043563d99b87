// Replaced by the preview engineer (issue 8).
export function PreviewPane() {
  return <p style={{ padding: 12 }}>The preview is being built.</p>;
}
