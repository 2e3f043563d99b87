import { describe, expect, it } from 'vitest';
import { box } from './testing';

const HEAD_BB = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';

describe('nslookup (busybox)', () => {
  it('a short name is asked in every search domain, A then AAAA; any NXDOMAIN makes the exit status 1', () => {
    const b = box('busybox');
    b.net.dns.set('k8sbook.default.svc.cluster.local', ['10.100.1.2']);
    expect(b.sh('nslookup k8sbook')).toEqual({
      out: HEAD_BB +
        'Name:\tk8sbook.default.svc.cluster.local\nAddress: 10.100.1.2\n\n' +
        "** server can't find k8sbook.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find k8sbook.cluster.local: NXDOMAIN\n\n" +
        '\n' +
        "** server can't find k8sbook.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find k8sbook.cluster.local: NXDOMAIN\n\n",
      err: '',
      code: 1,
    });
  });

  it('a name with a dot is asked as is: found, exit 0', () => {
    const b = box('busybox');
    b.net.dns.set('k8sbook.default.svc.cluster.local', ['10.100.1.2']);
    expect(b.sh('nslookup k8sbook.default.svc.cluster.local')).toEqual({
      out: `${HEAD_BB}Name:\tk8sbook.default.svc.cluster.local\nAddress: 10.100.1.2\n\n\n`, err: '', code: 0,
    });
  });

  it('the seed init container loop: `until nslookup <fqdn>` ends once the Service exists', () => {
    const b = box('busybox');
    const r = b.start('until nslookup k8sbook.default.svc.cluster.local >/dev/null; do echo waiting for k8sbook service; sleep 1; done; echo Service found!');
    b.sb.advance(2500);
    expect(r.out).toBe('waiting for k8sbook service\nwaiting for k8sbook service\nwaiting for k8sbook service\n');
    b.net.dns.set('k8sbook.default.svc.cluster.local', ['10.100.1.2']);
    b.sb.advance(1000);
    expect(r.out.endsWith('Service found!\n')).toBe(true);
    expect(r.exit?.code).toBe(0);
  });

  it('no DNS server: times out after 5 s', () => {
    const b = box('busybox');
    b.net.servers.clear();
    const r = b.start('nslookup k8sbook.default');
    b.sb.advance(4999);
    expect(r.exit).toBeUndefined();
    b.sb.advance(1);
    expect(r.out).toBe(';; connection timed out; no servers could be reached\n\n');
    expect(r.exit?.code).toBe(1);
  });
});

describe('nslookup (BIND, dnsutils)', () => {
  it('search list until an answer; NXDOMAIN names the query', () => {
    const d = box('debian');
    d.sb.fs.writeFile('/usr/bin/nslookup', '\x7fELF\x02\x01\x01\0podlab-exec:bind9/nslookup\n', { mode: 0o755 });
    d.net.dns.set('k8sbook.default.svc.cluster.local', ['10.100.1.2']);
    expect(d.sh('nslookup k8sbook')).toEqual({
      out: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tk8sbook.default.svc.cluster.local\nAddress: 10.100.1.2\n\n', err: '', code: 0,
    });
    expect(d.sh('nslookup nosuch')).toEqual({
      out: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nosuch: NXDOMAIN\n\n", err: '', code: 1,
    });
  });
});

describe('ping', () => {
  it('busybox: seq from 0, "packets received", round-trip line', () => {
    const b = box('busybox');
    b.net.pingable.add('10.244.0.9');
    const r = b.start('ping -c 2 10.244.0.9');
    b.sb.advance(3000);
    expect(r.out).toBe(
      'PING 10.244.0.9 (10.244.0.9): 56 data bytes\n' +
      '64 bytes from 10.244.0.9: seq=0 ttl=64 time=0.050 ms\n' +
      '64 bytes from 10.244.0.9: seq=1 ttl=64 time=0.060 ms\n\n' +
      '--- 10.244.0.9 ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\n' +
      'round-trip min/avg/max = 0.050/0.055/0.060 ms\n',
    );
    expect(r.exit?.code).toBe(0);
    expect(b.sh('ping -c 1 nosuch')).toEqual({ out: '', err: "ping: bad address 'nosuch'\n", code: 1 });
  });

  it('iputils: icmp_seq from 1, mdev, 100% loss exits 1; Ctrl-C prints the statistics', () => {
    const d = box('debian');
    d.sb.fs.writeFile('/usr/bin/ping', '\x7fELF\x02\x01\x01\0podlab-exec:iputils/ping\n', { mode: 0o755 });
    d.net.pingable.add('10.244.0.9');
    expect(d.sh('ping -c 2 10.244.0.9').out).toBe(
      'PING 10.244.0.9 (10.244.0.9) 56(84) bytes of data.\n' +
      '64 bytes from 10.244.0.9: icmp_seq=1 ttl=64 time=0.050 ms\n' +
      '64 bytes from 10.244.0.9: icmp_seq=2 ttl=64 time=0.060 ms\n\n' +
      '--- 10.244.0.9 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time 1002ms\n' +
      'rtt min/avg/max/mdev = 0.050/0.055/0.060/0.005 ms\n',
    );
    expect(d.sh('ping -c 3 10.96.0.1')).toEqual({
      out: 'PING 10.96.0.1 (10.96.0.1) 56(84) bytes of data.\n\n--- 10.96.0.1 ping statistics ---\n3 packets transmitted, 0 received, 100% packet loss, time 2003ms\n\n',
      err: '', code: 1,
    });
    const r = d.sb.run(['ping', '10.244.0.9'], { path: '/usr/bin/ping' });
    d.sb.advance(2500);
    d.sb.kernel.kill('sandbox', r.pid, 'INT');
    expect(r.out.endsWith('3 packets transmitted, 3 received, 0% packet loss, time 2003ms\nrtt min/avg/max/mdev = 0.050/0.060/0.070/0.008 ms\n')).toBe(true);
    expect(d.sh('ping -c 1 nosuch')).toEqual({ out: '', err: 'ping: nosuch: Name or service not known\n', code: 2 });
  });
});

describe('ip and ifconfig', () => {
  it('iproute2 and busybox `ip addr`', () => {
    const d = box('debian');
    d.sb.fs.writeFile('/usr/bin/ip', '\x7fELF\x02\x01\x01\0podlab-exec:iproute2/ip\n', { mode: 0o755 });
    expect(d.sh('ip a').out).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n' +
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' +
      '    inet 127.0.0.1/8 scope host lo\n' +
      '       valid_lft forever preferred_lft forever\n' +
      '2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default \n' +
      '    link/ether 0a:58:0a:f4:00:05 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n' +
      '    inet 10.244.0.5/24 brd 10.244.0.255 scope global eth0\n' +
      '       valid_lft forever preferred_lft forever\n',
    );
    expect(d.sh('ip route').out).toBe('default via 10.244.0.1 dev eth0 \n10.244.0.0/24 dev eth0 proto kernel scope link src 10.244.0.5 \n');
    expect(d.sh('ip foo')).toEqual({ out: '', err: 'Object "foo" is unknown, try "ip help".\n', code: 255 });
    const b = box('busybox');
    expect(b.sh('ip addr show eth0').out).toBe(
      '2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP \n' +
      '    link/ether 0a:58:0a:f4:00:05 brd ff:ff:ff:ff:ff:ff\n' +
      '    inet 10.244.0.5/24 brd 10.244.0.255 scope global eth0\n' +
      '       valid_lft forever preferred_lft forever\n',
    );
  });

  it('busybox ifconfig', () => {
    expect(box('busybox').sh('ifconfig eth0').out).toBe(
      'eth0      Link encap:Ethernet  HWaddr 0A:58:0A:F4:00:05  \n' +
      '          inet addr:10.244.0.5  Bcast:10.244.0.255  Mask:255.255.255.0\n' +
      '          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n' +
      '          RX packets:12 errors:0 dropped:0 overruns:0 frame:0\n' +
      '          TX packets:3 errors:0 dropped:0 overruns:0 carrier:0\n' +
      '          collisions:0 txqueuelen:0 \n' +
      '          RX bytes:1032 (1.0 KiB)  TX bytes:126 (126.0 B)\n\n',
    );
    expect(box('busybox').sh('ifconfig eth9')).toEqual({ out: '', err: 'eth9: error fetching interface information: Device not found\n', code: 1 });
  });
});
