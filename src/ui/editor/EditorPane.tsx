// Replaced by the editor engineer (Monaco).
export default function EditorPane() {
  return <p style={{ padding: 12 }}>The editor is being built.</p>;
}
