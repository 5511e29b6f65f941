package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code tls.enable} the proxy serves HTTPS from a PEM certificate and a PEM key, PKCS#8
 * ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}); a client that trusts only
 * that certificate, host name checked, gets health and chat answers.
 */
class TlsServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  @TempDir static Path keys;
  static X509Certificate certificate;
  static Path certPem;
  static Path pkcs8KeyPem;
  static Path pkcs1KeyPem;

  @TempDir Path dir;
  FakeOpenAiUpstream upstream;
  RunningProxy proxy;

  /** A self-signed RSA certificate for 127.0.0.1 made by keytool, exported as PEM files. */
  @BeforeAll
  static void makeCertificate() throws Exception {
    Path store = keys.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(STORE_PASSWORD),
                "-keypass",
                new String(STORE_PASSWORD),
                "-noprompt")
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(process.exitValue()).as("keytool: %s", output).isZero();

    KeyStore p12 = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      p12.load(in, STORE_PASSWORD);
    }
    certificate = (X509Certificate) p12.getCertificate("server");
    PrivateKey key = (PrivateKey) p12.getKey("server", STORE_PASSWORD);
    assertThat(key.getFormat()).isEqualTo("PKCS#8");

    certPem = keys.resolve("cert.pem");
    Files.writeString(certPem, pem("CERTIFICATE", certificate.getEncoded()));
    pkcs8KeyPem = keys.resolve("key-pkcs8.pem");
    Files.writeString(pkcs8KeyPem, pem("PRIVATE KEY", key.getEncoded()));
    pkcs1KeyPem = keys.resolve("key-pkcs1.pem");
    Files.writeString(pkcs1KeyPem, pem("RSA PRIVATE KEY", rsaPrivateKeyOf(key.getEncoded())));
  }

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = FakeOpenAiUpstream.start("up");
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    upstream.close();
  }

  @Test
  void servesHttpsFromAPkcs8Key() throws Exception {
    assertThat(Files.readString(pkcs8KeyPem)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    startProxy(pkcs8KeyPem);

    assertHealthAndChatOverHttps();
  }

  @Test
  void servesHttpsFromAPkcs1RsaKey() throws Exception {
    assertThat(Files.readString(pkcs1KeyPem)).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
    startProxy(pkcs1KeyPem);

    assertHealthAndChatOverHttps();
  }

  @Test
  void aPlainHttpClientGetsNoAnswerFromTheTlsPort() throws Exception {
    startProxy(pkcs8KeyPem);
    HttpClient plain =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    HttpResponse<String> response = null;
    try {
      response =
          plain.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/healthz"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException refused) {
      // the TLS connector closing on a non-TLS hello is a fine answer too
    }

    if (response != null) {
      assertThat(response.statusCode()).isNotEqualTo(200);
      assertThat(response.body()).doesNotContain("ok");
    }
  }

  private void startProxy(Path keyPem) throws Exception {
    proxy =
        RunningProxy.start(
            dir,
            """
            tls:
              enable: true
              cert: %s
              key: %s
            openai-compatibility:
              - name: Up
                base-url: %s
                api-key-entries:
                  - api-key: up-1
                models:
                  - name: up-model
            """
                .formatted(certPem, keyPem, upstream.baseUrl()));
  }

  private void assertHealthAndChatOverHttps() throws Exception {
    HttpClient https = trustingOnlyOurCertificate();
    String base = "https://127.0.0.1:" + proxy.port();

    HttpResponse<String> health =
        https.send(
            HttpRequest.newBuilder(URI.create(base + "/healthz"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> chat =
        https.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"up-model\",\"messages\":[{\"role\":\"user\",\"content\":\"over tls\"}]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.sslSession()).isPresent();
    Certificate[] presented = health.sslSession().orElseThrow().getPeerCertificates();
    assertThat(presented[0]).isEqualTo(certificate);
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    assertThat(
            JSON.readTree(chat.body())
                .path("choices")
                .path(0)
                .path("message")
                .path("content")
                .asText())
        .isEqualTo("echo: over tls");
    assertThat(upstream.received()).hasSize(1);
  }

  /** A JDK client whose only trust anchor is the test certificate; host names are checked. */
  private static HttpClient trustingOnlyOurCertificate() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(context)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /**
   * The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: {@code SEQUENCE { INTEGER version,
   * SEQUENCE algorithm, OCTET STRING privateKey, ... }}; the OCTET STRING's content is it.
   */
  private static byte[] rsaPrivateKeyOf(byte[] pkcs8) {
    Der outer = Der.read(pkcs8, 0);
    assertThat(outer.tag()).isEqualTo(0x30);
    Der version = Der.read(pkcs8, outer.contentStart());
    assertThat(version.tag()).isEqualTo(0x02);
    Der algorithm = Der.read(pkcs8, version.end());
    assertThat(algorithm.tag()).isEqualTo(0x30);
    Der privateKey = Der.read(pkcs8, algorithm.end());
    assertThat(privateKey.tag()).isEqualTo(0x04);
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, privateKey.contentStart(), privateKey.end());
    assertThat(Der.read(pkcs1, 0).tag()).as("RSAPrivateKey is a SEQUENCE").isEqualTo(0x30);
    return pkcs1;
  }

  /** One DER element's tag and where its content starts and ends (definite lengths only). */
  private record Der(int tag, int contentStart, int end) {
    static Der read(byte[] der, int at) {
      int tag = der[at] & 0xFF;
      int first = der[at + 1] & 0xFF;
      int start = at + 2;
      int length;
      if (first < 0x80) {
        length = first;
      } else {
        int count = first & 0x7F;
        assertThat(count).as("DER length bytes").isBetween(1, 3);
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (der[start + i] & 0xFF);
        }
        start += count;
      }
      assertThat(start + length).as("DER element fits").isLessThanOrEqualTo(der.length);
      return new Der(tag, start, start + length);
    }
  }
}
