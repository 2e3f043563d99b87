// The cluster CA bundle the root-ca-cert-publisher puts in every namespace (kube-root-ca.crt).
// minikube's CA is a self-signed "minikubeCA" certificate; this one only looks like it: the DER
// prefix names minikubeCA, the rest is deterministic filler, so every Podlab cluster shows the same.

function pemBody(): string {
  // The real DER opening: SEQUENCE, version, serial 1, sha256WithRSA, issuer CN=minikubeCA.
  let b64 = 'MIIDBjCCAe6gAwIBAgIBATANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwptaW5pa3ViZUNBMB4XDTI2MTEyMDEyMDAwMFoXDTM2MTExOTEyMDAwMFowFTETMBEGA1UEAxMKbWluaWt1YmVDQTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBA';
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let x = 0x2545f491;
  while (b64.length < 1088) {
    // xorshift32: a fixed sequence, no shared randomness consumed
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b64 += alphabet[(x >>> 0) % 64];
  }
  b64 += 'AwIDAQAB';
  return b64.match(/.{1,64}/g)!.join('\n');
}

export const ROOT_CA_CRT = `-----BEGIN CERTIFICATE-----\n${pemBody()}\n-----END CERTIFICATE-----\n`;
