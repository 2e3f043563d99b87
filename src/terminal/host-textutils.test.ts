// The text tools on the learner's machine: the pipelines learners type around kubectl.
import { describe, expect, it } from 'vitest';
import { testSession } from './testing';

describe('text tools in the host terminal', { timeout: 60_000 }, () => {
  it('base64 decodes a Secret value from kubectl, and encodes', async () => {
    const t = await testSession({ runtime: true });
    await t.type('kubectl create secret generic db --from-literal=password=s3cret');
    const line = "kubectl get secret db -o jsonpath='{.data.password}' | base64 -d";
    expect(await t.type(line)).toBe(`${line}\ns3cret$ `);
    expect(await t.type('echo -n admin | base64')).toBe('echo -n admin | base64\nYWRtaW4=\n$ ');
    expect(await t.type('which base64 sort uniq cut tr seq xargs')).toBe(
      'which base64 sort uniq cut tr seq xargs\n/usr/bin/base64\n/usr/bin/sort\n/usr/bin/uniq\n/usr/bin/cut\n/usr/bin/tr\n/usr/bin/seq\n/usr/bin/xargs\n$ ',
    );
  });

  it('cut, sort, uniq, tr and seq in pipelines', async () => {
    const t = await testSession({ runtime: true });
    await t.type('kubectl create configmap a --from-literal=k=v');
    await t.type('kubectl create configmap b --from-literal=k=v');
    expect(await t.type('kubectl get configmaps -o name | cut -d/ -f2 | sort -r')).toBe(
      'kubectl get configmaps -o name | cut -d/ -f2 | sort -r\nkube-root-ca.crt\nb\na\n$ ',
    );
    expect(await t.type('kubectl get configmaps --no-headers | sort -k2 | cut -d" " -f1 | uniq -c')).toBe(
      'kubectl get configmaps --no-headers | sort -k2 | cut -d" " -f1 | uniq -c\n      1 a\n      1 b\n      1 kube-root-ca.crt\n$ ',
    );
    expect(await t.type('echo abc | tr a-z A-Z')).toBe('echo abc | tr a-z A-Z\nABC\n$ ');
    expect(await t.type('seq 3')).toBe('seq 3\n1\n2\n3\n$ ');
    // with file operands they do not wait for the terminal's end-of-file
    await t.type('seq 3 > n.txt');
    expect(await t.type('sort -r -k 1 n.txt')).toBe('sort -r -k 1 n.txt\n3\n2\n1\n$ ');
    expect(await t.type('cut -c1 -- n.txt | base64 -w 0')).toBe('cut -c1 -- n.txt | base64 -w 0\nMQoyCjMK$ ');
    expect(await t.type('tr')).toBe("tr\ntr: missing operand\nTry 'tr --help' for more information.\n$ ");
  });

  it('xargs runs the host kubectl', async () => {
    const t = await testSession({ runtime: true });
    await t.type('kubectl create configmap a --from-literal=k=v');
    await t.type('kubectl create configmap b --from-literal=k=v');
    expect(await t.type('kubectl get configmaps -o name | grep -v kube-root | xargs kubectl delete')).toBe(
      'kubectl get configmaps -o name | grep -v kube-root | xargs kubectl delete\nconfigmap "a" deleted\nconfigmap "b" deleted\n$ ',
    );
    expect(await t.type('printf "" | xargs -r kubectl delete; echo $?')).toBe('printf "" | xargs -r kubectl delete; echo $?\n0\n$ ');
    expect(await t.type('echo x | xargs nosuch; echo $?')).toBe('echo x | xargs nosuch; echo $?\nxargs: nosuch: No such file or directory\n127\n$ ');
  });
});
