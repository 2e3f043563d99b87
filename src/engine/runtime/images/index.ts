// The web images' configs and programs, registered from ../image-rootfs.ts. One module per image
// program; this file only says which repository runs what (see README.md).
import type { CommandRegistry } from '../process/program';
import { OS_FILES, type ImageConfig } from '../image-rootfs';
import { NGINX, NGINX_ALPINE, nginxProgram } from './nginx/nginx';
import { NGINX_FILES, NGINX_SCRIPTS } from './nginx/files';
import { HELLO_APP_1, HELLO_APP_2, helloApp } from './hello-app';
import { REDIS_ALPINE_ENTRYPOINT, REDIS_ENTRYPOINT, REDIS_SERVER, redisServer } from './redis';
import { GOSU, gosu } from './gosu';
import { NODE_WEB_APP, NODE_WEB_APP_FILES, nodeWebApp } from './node-web-app';

// The usual Docker PATH
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The base's /etc/passwd and /etc/group with the image's own account added (useradd/adduser in its Dockerfile). */
function account(os: 'debian' | 'alpine', passwd: string, group: string): Record<string, string> {
  return { '/etc/passwd': `${OS_FILES[os]!['/etc/passwd']}${passwd}\n`, '/etc/group': `${OS_FILES[os]!['/etc/group']}${group}\n` };
}

// curl-container etc/entrypoint.sh: a first argument that is an option or not a command goes to curl
const CURL_ENTRYPOINT = `#!/bin/sh
set -e

if [ "\${1#-}" != "\${1}" ] || [ -z "$(command -v "\${1}")" ]; then
  set -- curl "$@"
fi

exec "$@"
`;

/**
 * Image configs by normalized repository (`repo:tag` for a tag with its own config). A function:
 * ../image-rootfs.ts imports this module before its OS files exist.
 */
export function webImages(): Record<string, ImageConfig> {
  return {
    // docker-nginx mainline/debian/Dockerfile (1.27.3): ENTRYPOINT ["/docker-entrypoint.sh"], CMD ["nginx", "-g", "daemon off;"],
    // STOPSIGNAL SIGQUIT, the ENV lines, useradd --uid 101 nginx; no USER or WORKDIR (the master
    // runs as root, its workers as nginx: nginx.conf `user  nginx;`)
    'docker.io/library/nginx': {
      family: 'nginx', os: 'debian', entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], stopSignal: 'QUIT',
      env: { PATH, NGINX_VERSION: '1.27.3', NJS_VERSION: '0.8.7', NJS_RELEASE: '1~bookworm', PKG_RELEASE: '1~bookworm', DYNPKG_RELEASE: '1~bookworm' },
      programs: { '/usr/sbin/nginx': NGINX }, scripts: NGINX_SCRIPTS,
      files: { ...NGINX_FILES, ...account('debian', 'nginx:x:101:101:nginx user:/nonexistent:/bin/false', 'nginx:x:101:') },
    },
    // docker-nginx mainline/alpine-slim + alpine/Dockerfile (1.27.3, FROM alpine:3.20): adduser -S -D -H -u 101 -h /var/cache/nginx
    'docker.io/library/nginx:alpine': {
      family: 'nginx-alpine', os: 'alpine', entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], stopSignal: 'QUIT',
      env: { PATH, NGINX_VERSION: '1.27.3', PKG_RELEASE: '1', DYNPKG_RELEASE: '1', NJS_VERSION: '0.8.7', NJS_RELEASE: '1' },
      programs: { '/usr/sbin/nginx': NGINX_ALPINE }, scripts: NGINX_SCRIPTS,
      files: { ...NGINX_FILES, ...account('alpine', 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin', 'nginx:x:101:nginx') },
    },
    // kubernetes-engine-samples quickstarts/hello-app/Dockerfile: distroless static, ENTRYPOINT ["/hello-app"]
    'gcr.io/google-samples/hello-app:1.0': { family: 'distroless', entrypoint: ['/hello-app'], cmd: [], env: { PATH }, programs: { '/hello-app': HELLO_APP_1 } },
    'gcr.io/google-samples/hello-app:2.0': { family: 'distroless', entrypoint: ['/hello-app'], cmd: [], env: { PATH }, programs: { '/hello-app': HELLO_APP_2 } },
    // docker-library/redis 7.4/debian/Dockerfile: useradd -u 999 redis, gosu in /usr/local/bin, WORKDIR /data
    // (no USER: the entrypoint starts as root and drops to redis), ENTRYPOINT ["docker-entrypoint.sh"], CMD ["redis-server"], EXPOSE 6379
    'docker.io/library/redis': {
      family: 'redis', os: 'debian', entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], workingDir: '/data',
      env: { PATH, GOSU_VERSION: '1.17', REDIS_DOWNLOAD_URL: 'http://download.redis.io/releases/redis-7.4.1.tar.gz' },
      programs: { '/usr/local/bin/redis-server': REDIS_SERVER, '/usr/local/bin/gosu': GOSU }, scripts: { '/usr/local/bin/docker-entrypoint.sh': REDIS_ENTRYPOINT },
      files: { '/data/': '', ...account('debian', 'redis:x:999:999::/home/redis:/bin/sh', 'redis:x:999:') },
    },
    // docker-library/redis 7.4/alpine/Dockerfile: adduser -S -G redis -u 999 redis (group 1000), WORKDIR /data
    'docker.io/library/redis:alpine': {
      family: 'alpine', os: 'alpine', entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], workingDir: '/data', env: { PATH },
      programs: { '/usr/local/bin/redis-server': REDIS_SERVER }, scripts: { '/usr/local/bin/docker-entrypoint.sh': REDIS_ALPINE_ENTRYPOINT },
      files: { '/data/': '', ...account('alpine', 'redis:x:999:1000:Linux User,,,:/home/redis:/sbin/nologin', 'redis:x:1000:redis') },
    },
    // curl-container create_base_image.sh: alpine, adduser -S curl_user -G curl_group, CURL_CA_BUNDLE,
    // CMD curl, ENTRYPOINT ["/entrypoint.sh"]; create_appliance_image.sh: buildah config --user curl_user
    // --workingdir /home/curl_user
    'docker.io/curlimages/curl': {
      family: 'curl', os: 'alpine', entrypoint: ['/entrypoint.sh'], cmd: ['curl'], user: 'curl_user', workingDir: '/home/curl_user',
      env: { PATH, CURL_CA_BUNDLE: '/cacert.pem' },
      scripts: { '/entrypoint.sh': CURL_ENTRYPOINT },
      files: { '/home/curl_user/': '', ...account('alpine', 'curl_user:x:100:101:Linux User,,,:/home/curl_user:/sbin/nologin', 'curl_group:x:101:curl_user') },
    },
    // nigelpoulton's book images (getting-started-k8s App/Dockerfile): FROM alpine, apk add nodejs npm
    // curl, the app in /src, EXPOSE 8080 — so `kubectl exec hello-pod -- ps aux` and `curl localhost:8080`
    // work inside them, as the book shows
    'docker.io/nigelpoulton/web-app': nodeApp(),
    'docker.io/nigelpoulton/k8sbook': nodeApp(),
  };
}

function nodeApp(): ImageConfig {
  return {
      family: 'curl', os: 'alpine', entrypoint: [], cmd: ['/bin/sh', '-c', 'cd /src && node ./app.js'], env: { PATH },
      programs: { '/usr/local/bin/node': NODE_WEB_APP }, files: NODE_WEB_APP_FILES,
  };
}

/** Register the web images' programs (before a kernel restore: snapshots name them). */
export function registerWebImages(r: CommandRegistry): void {
  r.register(NGINX, nginxProgram(NGINX));
  r.register(NGINX_ALPINE, nginxProgram(NGINX_ALPINE));
  r.register(HELLO_APP_1, helloApp('1.0.0'));
  r.register(HELLO_APP_2, helloApp('2.0.0'));
  r.register(REDIS_SERVER, redisServer);
  r.register(GOSU, gosu);
  r.register(NODE_WEB_APP, nodeWebApp);
}
