// The headless host terminal: the learner's shell session, its time driver, and replay.
export { HostSession, type HostSessionOptions, type HostSessionSnapshot, type SessionEvent, type SessionListener } from './session';
export { quiesce, settle, type DriveOptions, type Settled } from './driver';
export { defaultCluster, plainText, replay, scriptLines, type ReplayOptions } from './replay';
export { HOME, HOSTNAME, WORKSPACE } from './host-fs';
