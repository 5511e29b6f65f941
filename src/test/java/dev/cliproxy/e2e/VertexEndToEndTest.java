package dev.cliproxy.e2e;

import static dev.cliproxy.testing.RunningProxy.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.cli.Main;
import dev.cliproxy.cli.ProviderKinds;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.provider.vertex.VertexKind;
import dev.cliproxy.testing.FakeGeminiModels;
import dev.cliproxy.testing.FakeVertex;
import dev.cliproxy.testing.MovableClock;
import dev.cliproxy.testing.RunningProxy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service-account key imported with {@code --vertex-import FILE} and served through a fake
 * Vertex: tokens minted by a signed JWT grant the fake verifies with the account's public key,
 * cached (one mint for many requests) and minted again once near expiry; Gemini, OpenAI and Claude
 * clients, whole and streamed; imports that cannot work refused with exit status 19 and nothing
 * written.
 */
class VertexEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMAIL = "proxy@my-proj.iam.gserviceaccount.com";
  private static final String MODEL = "gemini-2.5-flash";
  private static KeyPair keys;

  @TempDir Path dir;
  final MovableClock clock = new MovableClock();
  FakeVertex vertex;
  RunningProxy proxy;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
  }

  @BeforeEach
  void start() throws Exception {
    vertex =
        FakeVertex.start(clock)
            .acceptServiceAccount(EMAIL, keys.getPublic(), "my-proj", "us-central1");
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: [proxy-key]\nendpoints:\n  vertex:\n    api: " + vertex.baseUrl() + "\n",
            ProxyWiring.standard()
                .withKinds(List.of(new VertexKind(clock)))
                .withRefreshTick(Duration.ofMillis(100)));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    vertex.close();
  }

  private ObjectNode serviceAccount() {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return JSON.createObjectNode()
        .put("type", "service_account")
        .put("project_id", "my-proj")
        .put("private_key_id", "kid-1")
        .put("private_key", pem)
        .put("client_email", EMAIL)
        .put("client_id", "1234")
        .put("token_uri", vertex.tokenUri());
  }

  private int importKey(Path file) {
    return Main.commandLine(ProviderKinds.shipped())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(
            "--vertex-import", file.toString(), "--config", dir.resolve("config.yaml").toString());
  }

  private void imported() throws Exception {
    Path key = dir.resolve("key.json");
    Files.writeString(key, serviceAccount().toString());
    assertThat(importKey(key)).as(err.toString()).isZero();
    assertThat(
            eventually(
                Duration.ofSeconds(10),
                () ->
                    !proxy.app().accounts().all().isEmpty()
                        && proxy.app().gateway().pool().status().stream()
                            .anyMatch(s -> s.provider().equals("vertex"))))
        .isTrue();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return proxy.send(proxy.post(path, body).header("Authorization", "Bearer proxy-key"));
  }

  private static final String GEMINI_BODY =
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello vertex\"}]}]}";

  @Test
  void theManagementApiImportsAnUploadedKeyInTheRegionAsked() throws Exception {
    proxy.rewriteConfig(
        "api-keys: [proxy-key]\nendpoints:\n  vertex:\n    api: "
            + vertex.baseUrl()
            + "\nremote-management:\n  secret-key: mgmt-vertex\n");
    String boundary = "vtx";
    String multipart =
        "--vtx\r\nContent-Disposition: form-data; name=\"file\"; filename=\"key.json\"\r\n\r\n"
            + serviceAccount()
            + "\r\n--vtx\r\nContent-Disposition: form-data; name=\"location\"\r\n\r\n"
            + "europe-west4\r\n--vtx--\r\n";
    java.net.http.HttpRequest.Builder upload =
        proxy
            .post("/v0/management/vertex/import", multipart)
            .setHeader("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("X-Management-Key", "mgmt-vertex");
    assertThat(
            eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    return proxy
                            .send(
                                proxy
                                    .get("/v0/management/auth-files")
                                    .header("X-Management-Key", "mgmt-vertex"))
                            .statusCode()
                        == 200;
                  } catch (Exception e) {
                    return false;
                  }
                }))
        .isTrue();

    HttpResponse<String> answer = proxy.send(upload);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("project_id").asText()).isEqualTo("my-proj");
    assertThat(body.path("email").asText()).isEqualTo(EMAIL);
    assertThat(body.path("location").asText()).isEqualTo("europe-west4");
    Path saved = proxy.authDir().resolve("vertex-my-proj.json");
    assertThat(body.path("auth-file").asText()).isEqualTo(saved.toString());
    assertThat(JSON.readTree(Files.readString(saved)).path("location").asText())
        .isEqualTo("europe-west4");
    assertThat(proxy.app().gateway().pool().status()).anyMatch(s -> s.provider().equals("vertex"));

    HttpResponse<String> notAKey =
        proxy.send(
            proxy
                .post(
                    "/v0/management/vertex/import",
                    "--vtx\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.json\"\r\n\r\n"
                        + "{\"type\":\"service_account\"}\r\n--vtx--\r\n")
                .setHeader("Content-Type", "multipart/form-data; boundary=vtx")
                .header("X-Management-Key", "mgmt-vertex"));
    assertThat(notAKey.statusCode()).isEqualTo(400);
    assertThat(notAKey.body()).doesNotContain("/tmp/vertex-import");
  }

  @Test
  void anImportedKeyIsSavedOwnerOnlyInTheReferenceShape() throws Exception {
    imported();

    Path saved = proxy.authDir().resolve("vertex-my-proj.json");
    assertThat(out.toString()).contains(EMAIL).contains(saved.toString());
    assertThat(Files.getPosixFilePermissions(saved))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    JsonNode file = JSON.readTree(saved.toFile());
    assertThat(file.path("type").asText()).isEqualTo("vertex");
    assertThat(file.path("project_id").asText()).isEqualTo("my-proj");
    assertThat(file.path("email").asText()).isEqualTo(EMAIL);
    assertThat(file.path("location").asText()).isEqualTo("us-central1");
    assertThat(file.path("service_account")).isEqualTo(serviceAccount());
    assertThat(out.toString() + err).doesNotContain("PRIVATE KEY");
  }

  @Test
  void everyClientIsServedWithOneMintedTokenWholeStreamedAndCounted() throws Exception {
    imported();

    HttpResponse<String> whole =
        proxy.send(
            proxy
                .post("/v1beta/models/" + MODEL + ":generateContent", GEMINI_BODY)
                .header("x-goog-api-key", "proxy-key"));
    HttpResponse<String> streamed =
        proxy.send(
            proxy
                .post("/v1beta/models/" + MODEL + ":streamGenerateContent?alt=sse", GEMINI_BODY)
                .header("x-goog-api-key", "proxy-key"));
    HttpResponse<String> counted =
        proxy.send(
            proxy
                .post("/v1beta/models/" + MODEL + ":countTokens", GEMINI_BODY)
                .header("x-goog-api-key", "proxy-key"));
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    assertThat(JSON.readTree(whole.body()).at("/candidates/0/content/parts/0/text").asText())
        .isEqualTo("echo: hello vertex");
    assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
    assertThat(streamed.body()).contains("hello vertex").contains("STOP");
    assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
    assertThat(JSON.readTree(counted.body()).path("totalTokens").asLong()).isEqualTo(2);

    for (boolean stream : new boolean[] {false, true}) {
      HttpResponse<String> chat =
          post(
              "/v1/chat/completions",
              "{\"model\":\""
                  + MODEL
                  + "\",\"stream\":"
                  + stream
                  + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi openai\"}]}");
      HttpResponse<String> claude =
          post(
              "/v1/messages",
              "{\"model\":\""
                  + MODEL
                  + "\",\"max_tokens\":50,\"stream\":"
                  + stream
                  + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi claude\"}]}");
      assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
      assertThat(chat.body()).contains("hi openai");
      assertThat(claude.statusCode()).as(claude.body()).isEqualTo(200);
      assertThat(claude.body()).contains("hi claude");
    }

    assertThat(vertex.mints()).as("one token for all seven requests").isEqualTo(1);
    for (FakeGeminiModels.Received r : vertex.received()) {
      assertThat(r.path())
          .startsWith(
              "/v1/projects/my-proj/locations/us-central1/publishers/google/models/" + MODEL + ":");
      assertThat(r.header("authorization")).isEqualTo("Bearer ya29.fake-vertex-1");
    }
  }

  @Test
  void aTokenNearItsExpiryIsMintedAgain() throws Exception {
    imported();
    assertThat(post("/v1/chat/completions", chat()).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(50));
    assertThat(post("/v1/chat/completions", chat()).statusCode()).isEqualTo(200);
    assertThat(vertex.mints()).as("still fresh after 50 minutes").isEqualTo(1);

    clock.advance(Duration.ofMinutes(6));
    HttpResponse<String> later = post("/v1/chat/completions", chat());

    assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
    assertThat(vertex.mints()).isEqualTo(2);
    assertThat(vertex.refusedGrants()).isZero();
    assertThat(vertex.received().get(2).header("authorization"))
        .isEqualTo("Bearer ya29.fake-vertex-2");
  }

  @Test
  void aLocationTheAccountCannotUseIsVertexsNotFound() throws Exception {
    imported();
    Path saved = proxy.authDir().resolve("vertex-my-proj.json");
    ObjectNode file = (ObjectNode) JSON.readTree(saved.toFile());
    file.put("location", "europe-west4");
    Files.writeString(saved, file.toString());
    assertThat(
            eventually(
                Duration.ofSeconds(10),
                () ->
                    proxy.app().accounts().all().stream()
                        .anyMatch(a ->
                            a.file()
                                .get("location")
                                .map(JsonNode::asText)
                                .orElse("")
                                .equals("europe-west4"))))
        .isTrue();

    HttpResponse<String> answer =
        proxy.send(
            proxy
                .post("/v1beta/models/" + MODEL + ":generateContent", GEMINI_BODY)
                .header("x-goog-api-key", "proxy-key"));

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(vertex.received().get(0).path()).contains("/locations/europe-west4/");
  }

  @Test
  void requestsArrivingTogetherShareOneMint() throws Exception {
    imported();
    vertex.slowTokens(Duration.ofMillis(500));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(pool.submit(() -> post("/v1/chat/completions", chat())));
    }
    for (var answer : answers) {
      assertThat(answer.get().statusCode()).isEqualTo(200);
    }
    pool.close();

    assertThat(vertex.mints()).isEqualTo(1);
  }

  @Test
  void aVertexApiKeyGoesToThePublisherModelsWithTheKeyInAHeader() throws Exception {
    vertex.acceptApiKey("vertex-key");
    proxy.rewriteConfig(
        "api-keys: [proxy-key]\nendpoints:\n  vertex:\n    api: "
            + vertex.baseUrl()
            + "\nvertex-api-key:\n  - api-key: vertex-key\n    models: [{name: "
            + MODEL
            + ", alias: vx}]\n");
    assertThat(
            eventually(
                Duration.ofSeconds(10),
                () ->
                    proxy.app().gateway().pool().status().stream()
                        .anyMatch(s -> s.provider().equals("vertex"))))
        .isTrue();

    HttpResponse<String> whole = post("/v1/chat/completions", chat().replace(MODEL, "vx"));
    HttpResponse<String> streamed =
        post("/v1/chat/completions", chat().replace(MODEL, "vx").replace("{", "{\"stream\":true,"));

    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
    assertThat(streamed.body()).contains("[DONE]");
    assertThat(vertex.received()).hasSize(2);
    for (FakeGeminiModels.Received r : vertex.received()) {
      assertThat(r.path()).startsWith("/v1/publishers/google/models/" + MODEL + ":");
      assertThat(r.header("x-goog-api-key")).isEqualTo("vertex-key");
      assertThat(r.header("authorization")).isNull();
    }
    assertThat(vertex.mints()).isZero();
  }

  @Test
  void anAccountWhoseGrantIsRefusedRestsAndAnotherServes() throws Exception {
    imported();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    ObjectNode unknown =
        serviceAccount().put("client_email", "stranger@my-proj.iam.gserviceaccount.com");
    unknown.put(
        "private_key",
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    ObjectNode file = JSON.createObjectNode().put("type", "vertex").put("project_id", "my-proj");
    file.set("service_account", unknown);
    Files.writeString(proxy.authDir().resolve("vertex-stranger.json"), file.toString());
    assertThat(eventually(Duration.ofSeconds(10), () -> proxy.app().accounts().all().size() == 2))
        .isTrue();

    for (int i = 0; i < 4; i++) {
      HttpResponse<String> answer = post("/v1/chat/completions", chat());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    assertThat(vertex.refusedGrants()).isEqualTo(1);
    var stranger =
        proxy.app().gateway().pool().status().stream()
            .filter(s -> s.id().equals("vertex-stranger.json"))
            .findFirst()
            .orElseThrow();
    assertThat(stranger.resting()).isNotEmpty();
    assertThat(stranger.lastError().orElseThrow().reason())
        .contains("stranger@my-proj.iam.gserviceaccount.com")
        .contains("Invalid JWT Signature")
        .doesNotContain("PRIVATE KEY");
  }

  private static String chat() {
    return "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
  }

  @Test
  void importsThatCannotWorkFailWithStatus16AndWriteNothing() throws Exception {
    Path notJson = dir.resolve("not.json");
    Files.writeString(notJson, "-----BEGIN PRIVATE KEY-----\nMIIB\n");
    Path noKey = dir.resolve("nokey.json");
    ObjectNode withoutKey = serviceAccount();
    withoutKey.remove("private_key");
    Files.writeString(noKey, withoutKey.toString());
    Path user = dir.resolve("user.json");
    Files.writeString(user, serviceAccount().put("type", "authorized_user").toString());
    Path badKey = dir.resolve("badkey.json");
    Files.writeString(badKey, serviceAccount().put("private_key", "SECRET-NOT-A-KEY").toString());

    assertThat(importKey(dir.resolve("missing.json"))).isEqualTo(19);
    assertThat(importKey(notJson)).isEqualTo(19);
    assertThat(importKey(noKey)).isEqualTo(19);
    assertThat(importKey(user)).isEqualTo(19);
    assertThat(importKey(badKey)).isEqualTo(19);

    assertThat(err.toString())
        .contains("Vertex login failed: no such file: " + dir.resolve("missing.json"))
        .contains(notJson + " is not JSON")
        .contains(noKey + " cannot be imported: it has no private_key")
        .contains("its type is 'authorized_user', expected 'service_account'")
        .contains("its private_key is not an RSA private key")
        .doesNotContain("MIIB")
        .doesNotContain("SECRET-NOT-A-KEY");
    try (Stream<Path> files =
        Files.exists(proxy.authDir()) ? Files.list(proxy.authDir()) : Stream.empty()) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith("vertex"))).isEmpty();
    }
  }
}
