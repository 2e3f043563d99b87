// The Pod registry: what the API server does to a Pod on create, update, status write, bind
// and delete. The cluster registers the strategy: store.registerStrategy('pods', podStrategy).
export { podStrategy, checkGracefulDelete, dropDisabledPodFields } from './strategy';
export { defaultPod, defaultPodSpec, type PodLike } from './defaults';
export { admitPod, tokenVolume, DEFAULT_API_TOKEN_MOUNT_PATH, DEFAULT_SERVICE_ACCOUNT_NAME, SERVICE_ACCOUNT_VOLUME_PREFIX } from './admission';
export {
  validatePodCreate, validatePodSpec, validateTemplatePodSpec, validatePodMetadataAndSpec, validateTolerations, MIRROR_POD_ANNOTATION,
} from './validation';
export { validatePodUpdate } from './validation-update';
export { bindPod } from './binding';
export { computeQOS, getPodQOS, type QOSClass } from './qos';
export { parseImageName, defaultPullPolicy, type ImageReference } from './image';
export { podCreateWarnings, podSpecWarnings } from './warnings';
