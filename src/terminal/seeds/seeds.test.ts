// The seed walkthroughs typed as a learner would (manifests written with here-docs), replayed
// through the host shell on the default cluster. Wherever a seed shows output, the transcript
// must show the same lines: names, columns, statuses, messages. Ages and pod IPs may differ, so
// they are normalised on both sides; nothing else is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replay, scriptLines } from '../replay';

const here = join(process.cwd(), 'src/terminal/seeds');

function normalise(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/10\.244\.\d+\.\d+/g, '<ip>').replace(/(\s)\d+(s|m|h|d)(\d+s)?(\s|$)/g, '$1<age>$4').trimEnd())
    .join('\n');
}

/** Each block (lines the seed shows together) must appear in the transcript as consecutive lines. */
function expectBlocks(transcript: string, blocks: string[]): void {
  const got = normalise(transcript);
  for (const b of blocks) expect(got).toContain(normalise(b));
}

describe('seed walkthroughs replayed in the host shell', { timeout: 120_000 }, () => {
  it('seed 000: a two-container pod, its table rows and the kubelet-managed /etc/hosts', async () => {
    const out = await replay(scriptLines(readFileSync(join(here, '000-pods-101.replay'), 'utf8')), { seed: 'seed-000' });
    expectBlocks(out, [
      'pod/webserver created',
      // seed 000: kubectl get po -o wide
      'NAME        READY   STATUS    RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES\nwebserver   2/2     Running   0          73s   10.244.0.4   minikube   <none>           <none>',
      // seed 000: kubectl get po,svc,deploy
      'NAME            READY   STATUS    RESTARTS   AGE\npod/webserver   2/2     Running   0          2m1s\n\nNAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   5m30s',
      // seed 000: cat etc/hosts in the webwatcher container
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.0.4\twebserver',
      'pod "webserver" deleted',
    ]);
  });

  it('seed 001: two kuard containers in one pod fight over port 8080; logs -p shows the loser', async () => {
    const out = await replay(scriptLines(readFileSync(join(here, '001-duplicate-containers.replay'), 'utf8')), { seed: 'seed-001' });
    expectBlocks(out, ['pod/duplicate-containers created']);
    // seed 001 shows kuard's lines without the log package's date prefix; the words are the same
    const one = out.slice(out.indexOf('-c one\n'), out.indexOf('$ kubectl logs duplicate-containers -c two'));
    expect(one).toMatch(/Serving on HTTP on :8080\n/);
    const two = out.slice(out.indexOf('-c two -p\n'));
    expect(two).toMatch(/Serving on HTTP on :8080\n(.*\n)?.*listen tcp :8080: bind: address already in use\n/);
  });

  it('seed 001: a 256M limit, requests defaulted to it, and kuard OOMKilled by an allocation through port-forward', async () => {
    const out = await replay(scriptLines(readFileSync(join(here, '001-limits-oomkilled.replay'), 'utf8')), { seed: 'seed-001-limits' });
    expect(out).toMatch(/pod\/kubernetes-up-and-running-with-limits-[a-z0-9]{5} created/);
    // seed 001: the describe lines of the container's resources
    expect(out).toMatch(/ {4}Limits:\n {6}memory: {2}256M\n {4}Requests:\n {6}memory: +256M\n/);
    expectBlocks(out, ['Forwarding from 127.0.0.1:8080 -> 8080\nForwarding from [::1]:8080 -> 8080']);
    // the allocation kills kuard mid-request (curl: empty reply) and the kubelet restarts it
    expect(out).toContain('curl exit 52');
    expect(out).toMatch(/kubernetes-up-and-running-with-limits-[a-z0-9]{5} +1\/1 +Running +1 \(\d+s ago\)/);
    expect(out).toContain('OOMKilled 137');
  });

  it('seed 002: a labelled pod from a manifest, exec into it, and an init container that waits for its Service', async () => {
    const out = await replay(scriptLines(readFileSync(join(here, '002-working-with-pods.replay'), 'utf8')), { seed: 'seed-002' });
    expectBlocks(out, [
      'pod/hello-pod created',
      'NAME        READY   STATUS    RESTARTS   AGE\nhello-pod   1/1     Running   0          30s',
      '$ kubectl exec hello-pod -- hostname\nhello-pod',
      'pod/initpod created',
      // seed 002: "the init:0/1 status tells that zero out of one init containers has completed"
      'NAME      READY   STATUS     RESTARTS   AGE\ninitpod   0/1     Init:0/1   0          20s',
      'service/k8sbook created',
      'NAME      READY   STATUS    RESTARTS   AGE\ninitpod   1/1     Running   0          50s',
      'Service found!',
    ]);
    expect(out).toMatch(/\$ kubectl exec hello-pod -- ps aux\nPID {3}USER {5}TIME {2}COMMAND\n/);
    expect(out).toContain("I'm running in a container!!!");
  });

  it('seed 003: a pod from pod.yaml, and data on a PersistentVolumeClaim that survives the pod', async () => {
    const out = await replay(scriptLines(readFileSync(join(here, '003-pods-and-volumes.replay'), 'utf8')), { seed: 'seed-003' });
    expectBlocks(out, [
      'pod/web-pod created',
      // seed 003: kubectl get pods
      'NAME      READY   STATUS    RESTARTS   AGE\nweb-pod   1/1     Running   0          2m',
      'pod "web-pod" deleted',
      'persistentvolumeclaim/my-data-claim created',
      // seed 003: the data is still there after the pod was deleted and created again
      'pod "web-pod" deleted\n$ kubectl create -f pod-with-vol.yaml\npod/web-pod created',
      '$ kubectl exec web-pod -- cat /data/sample.txt\nHello world!',
    ]);
  });

  it('seed 004: a manifest from kubectl run, the static pod path, producer/consumer, init containers, ps after apt-get', async () => {
    const out = await replay(scriptLines(readFileSync(join(here, '004-multi-container-and-lifecycle.replay'), 'utf8')), { seed: 'seed-004' });
    expectBlocks(out, [
      // seed 004: kubectl run --dry-run=client -o yaml (the manifest to paste into the node's manifests folder)
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: hello-world\n  name: hello-world\nspec:\n  containers:\n  - image: gcr.io/google-samples/hello-app:2.0\n    name: hello-world\n    ports:\n    - containerPort: 8080\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}',
      'staticPodPath: /etc/kubernetes/manifests',
      'pod/multicontainer-pod created',
      // one line every 10 s since the producer started: 0, 10, 20, 30, 40
      '5 /usr/share/nginx/html/index.html',
      'service initialisation',
      'database initialisation',
      'NAME       READY   STATUS    RESTARTS   AGE\ninit-pod   1/1     Running   0          30s',
      'Setting up procps (2:4.0.2-3) ...',
      // seed 004: kubectl explain pods.spec.restartPolicy (the seed's own "# ..." remarks left out)
      'DESCRIPTION:\n    Restart policy for all containers within the pod. One of Always, OnFailure,\n    Never. In some contexts, only a subset of those values may be permitted.\n    Default to Always. More info:\n    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy\n\n    Possible enum values:\n     - `"Always"`\n     - `"Never"`\n     - `"OnFailure"`',
    ]);
    expect(out).toContain('VERSION:    v1\n\nFIELD: restartPolicy <string>\n');
    // ps is missing from the nginx image until procps is installed
    expect(out).toContain('exec: "ps": executable file not found in $PATH');
    expect(out).toMatch(/USER +PID %CPU %MEM +VSZ +RSS TTY +STAT START +TIME COMMAND\nroot +1 .*nginx: master process nginx -g daemon off;\n/);
  });
});
