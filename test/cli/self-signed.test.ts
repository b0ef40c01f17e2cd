import { createPrivateKey, X509Certificate } from 'node:crypto';
import { certificateNames, makeSelfSignedCertificate } from '../../src/cli/self-signed';

describe('the certificate made for --tls', () => {
  it('names the loopback names, and the --host when it is a particular address or name', () => {
    expect(certificateNames('127.0.0.1')).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(certificateNames('0.0.0.0')).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(certificateNames('::')).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(certificateNames('192.168.1.5')).toEqual(['localhost', '127.0.0.1', '::1', '192.168.1.5']);
    expect(certificateNames('[fd00::5]')).toEqual(['localhost', '127.0.0.1', '::1', 'fd00::5']);
    expect(certificateNames('dev.box.internal')).toEqual(['localhost', '127.0.0.1', '::1', 'dev.box.internal']);
  });

  it('is a server certificate (not a CA) valid now, with those names as DNS and IP entries, and its key matches', async () => {
    const made = await makeSelfSignedCertificate('192.168.1.5');
    try {
      const cert = new X509Certificate(made.pair.cert);
      expect(cert.subjectAltName?.split(', ').sort()).toEqual([
        'DNS:localhost',
        'IP Address:0:0:0:0:0:0:0:1',
        'IP Address:127.0.0.1',
        'IP Address:192.168.1.5',
      ]);
      expect(cert.ca).toBe(false);
      expect(Date.parse(cert.validFrom)).toBeLessThanOrEqual(Date.now());
      expect(Date.parse(cert.validTo)).toBeGreaterThan(Date.now() + 24 * 3600_000);
      expect(cert.checkPrivateKey(createPrivateKey(made.pair.key))).toBe(true);
    } finally {
      await made.remove();
    }
  });
});
