package dev.cliproxy.server;

import dev.cliproxy.config.Config;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Builds Jetty's TLS context from the PEM certificate and key files named in {@code tls}. */
final class PemKeyStores {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");
  private static final char[] NO_PASSWORD = new char[0];

  private PemKeyStores() {}

  static SslContextFactory.Server sslContextFactory(Config.Tls tls)
      throws IOException, GeneralSecurityException {
    Path certFile = tls.cert().orElseThrow(() -> new IllegalArgumentException("tls.cert is empty"));
    Path keyFile = tls.key().orElseThrow(() -> new IllegalArgumentException("tls.key is empty"));
    String certPem = Files.readString(certFile, StandardCharsets.US_ASCII);
    List<Certificate> chain =
        List.copyOf(
            CertificateFactory.getInstance("X.509")
                .generateCertificates(
                    new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII))));
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("tls.cert: no certificate found in " + certFile);
    }
    PrivateKey key = privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(store);
    ssl.setKeyStorePassword("");
    return ssl;
  }

  private static PrivateKey privateKey(String pem, Path file) throws GeneralSecurityException {
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String type = m.group(1);
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      switch (type) {
        case "PRIVATE KEY" -> {
          for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
              return KeyFactory.getInstance(algorithm)
                  .generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
              // not this algorithm
            }
          }
          throw new IllegalArgumentException("tls.key: unsupported key algorithm in " + file);
        }
        case "RSA PRIVATE KEY" -> {
          return KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(rsaPkcs1ToPkcs8(der)));
        }
        default -> {
          // certificates or parameters mixed into the key file: skip
        }
      }
    }
    throw new IllegalArgumentException(
        "tls.key: no PKCS#8 ('BEGIN PRIVATE KEY') or RSA ('BEGIN RSA PRIVATE KEY') key in "
            + file
            + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem");
  }

  /** Wraps a PKCS#1 RSA key in the PKCS#8 envelope Java's KeyFactory reads. */
  private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = derWrap(0x04, pkcs1);
    byte[] inner = new byte[version.length + algorithm.length + octets.length];
    System.arraycopy(version, 0, inner, 0, version.length);
    System.arraycopy(algorithm, 0, inner, version.length, algorithm.length);
    System.arraycopy(octets, 0, inner, version.length + algorithm.length, octets.length);
    return derWrap(0x30, inner);
  }

  private static byte[] derWrap(int tag, byte[] content) {
    int len = content.length;
    byte[] header;
    if (len < 0x80) {
      header = new byte[] {(byte) tag, (byte) len};
    } else if (len < 0x100) {
      header = new byte[] {(byte) tag, (byte) 0x81, (byte) len};
    } else if (len < 0x10000) {
      header = new byte[] {(byte) tag, (byte) 0x82, (byte) (len >> 8), (byte) len};
    } else {
      header =
          new byte[] {(byte) tag, (byte) 0x83, (byte) (len >> 16), (byte) (len >> 8), (byte) len};
    }
    byte[] out = new byte[header.length + len];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(content, 0, out, header.length, len);
    return out;
  }
}
