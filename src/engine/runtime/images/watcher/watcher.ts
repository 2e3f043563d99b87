// afakharany/watcher:latest, the "log watcher" sidecar of the kubelabs pods101 lesson (a webserver
// pod of nginx plus this image). Neither its Dockerfile nor its entrypoint is published; what is
// known is its repository digest (the lesson's `kubectl describe`) and that `kubectl exec -it ...
// -- /bin/bash` lands at `root@webserver:/#`: a Debian-family image with bash, running as root.
//
// Podlab's stand-in, documented as such: an Ubuntu image whose CMD is a small script that waits
// for a web server's access log to appear and then follows it, as a log watcher would. In the
// lesson's pod nothing shares that log with it, so it waits quietly, which is what the lesson shows.
import type { ImageConfig } from '../../image-rootfs';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The watcher script; WATCH_LOG overrides the path it follows. */
export const WATCHER_SCRIPT = `#!/bin/bash
# Wait for the web server's access log, then follow it.
LOG="\${WATCH_LOG:-/var/log/nginx/access.log}"
until [ -f "$LOG" ]; do sleep 5; done
exec tail -f "$LOG"
`;

export const WATCHER_IMAGES: Record<string, ImageConfig> = {
  'docker.io/afakharany/watcher': {
    family: 'ubuntu', os: 'ubuntu', entrypoint: [], cmd: ['/usr/local/bin/watcher.sh'], env: { PATH },
    scripts: { '/usr/local/bin/watcher.sh': WATCHER_SCRIPT },
  },
};

/** Docker Hub's repository digest for afakharany/watcher:latest (the lesson's describe shows it as Image ID). */
export const WATCHER_DIGEST = 'sha256:43d1b12bb4ce6e549e85447678a28a8e7b9d4fc398938a6f3e57d2908a9b7d80';
